/** Typing emoji in a real terminal: the cursor and Backspace move over whole characters, never half an emoji. */
import { afterEach, beforeAll, describe, it } from 'vitest';
import { appDirs } from '../helpers/temp-dir.js';
import { CLI, requireBuiltCli, startTmux, type TmuxSession } from '../helpers/tmux.js';

let session: TmuxSession | undefined;
const dirs = appDirs('bt-grapheme-');
beforeAll(() => requireBuiltCli());
afterEach(async () => {
  session?.kill();
  session = undefined;
  await dirs.removeAll();
});

describe('real terminal: editing by grapheme', () => {
  it('Left then Backspace over an emoji ZWJ sequence and a flag removes each whole', async () => {
    session = startTmux(`node ${CLI} --demo`, 100, 30, dirs.create().env);
    const s = session;
    await s.waitFor('6 configured');
    s.send('Enter');
    await s.waitFor('› ▾ 1 Network');
    s.send('j');
    await s.waitFor(/› +Base URL/);
    s.send('Enter', 'C-u');
    s.type('https://a👩‍💻🇩🇪z');
    await s.waitFor(/Base URL\s+https:\/\/a👩‍💻🇩🇪z/);
    // Before z: Backspace takes the flag (two code points) whole, then the technologist (three).
    s.send('Left', 'BSpace', 'BSpace', 'Enter');
    await s.waitFor(/\*Base URL\s+https:\/\/az\s/);
  });
});

/** The built CLI in tmux: random keys, then quit; the terminal must leave the alternate screen. */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLI, requireBuiltCli, startTmux, type TmuxSession } from '../helpers/tmux.js';
import { seededRandom } from '../helpers/seeded-random.js';
import { appDirs } from '../helpers/temp-dir.js';

const SEED = Number(process.env.MONKEY_SEED ?? Math.floor(Math.random() * 2 ** 31));
// No q / C-c here: quitting is the last step, not a random one.
const KEYS = ['j', 'k', 'Up', 'Down', 'Left', 'Right', 'PageUp', 'PageDown', 'Home', 'End', 'Enter', 'Escape', 'Tab', 'BTab', 'BSpace', 'Space',
  'C-s', 'C-r', 'C-u', 'C-y', 'C-e', 'g', 'G', '/', '?', 'r', 'a', 'x', 'u', 'y', 'n', 'o', '1', '7', 'F1', 'DC'];

let session: TmuxSession | undefined;
const dirs = appDirs('bt-restore-');
beforeAll(() => requireBuiltCli());
afterEach(async () => {
  session?.kill();
  await dirs.removeAll();
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('terminal restored after random keys', () => {
  it('quits cleanly from wherever the keys left it', async () => {
    const r = seededRandom(SEED);
    // State in a temp dir, and an editor that returns at once: an `e` in a typed paste opens $EDITOR on the
    // whole provider, and a real vi would take every key after it (the app never quits).
    session = startTmux(`node ${CLI} --demo`, 100, 30, { ...dirs.create().env, EDITOR: 'true', VISUAL: '' });
    await session.waitFor('6 configured');
    try {
      for (let batch = 0; batch < 40; batch++) {
        const keys = Array.from({ length: 8 }, () => KEYS[Math.floor(r() * KEYS.length)]!);
        session.send(...keys);
        if (r() < 0.15) session.type('pasted héllo 日本語 🚀 ' + 'x'.repeat(Math.floor(r() * 120)));
        if (batch === 20) session.resize(70, 18);
        await pause(40);
      }
      session.resize(100, 30);
      expect(session.alternateOn()).toBe(true);
      // Back out of any prompt or screen one key at a time. On the list n starts a new provider, whose name
      // takes the q and d that follow: the Esc after them cancels it, and the last q quits.
      for (let attempt = 0; attempt < 12; attempt++) {
        for (const k of ['Escape', 'Escape', 'n', 'q', 'd', 'q', 'Escape', 'q']) {
          session.send(k);
          await pause(120);
        }
        const dead = (() => {
          try {
            return session!.alternateOn() === false;
          } catch {
            return false;
          }
        })();
        if (dead) break;
      }
      expect(await session.waitForExit(5000)).toBe(0);
      expect(session.alternateOn()).toBe(false);
    } catch (err) {
      throw new Error(`terminal restore failed with MONKEY_SEED=${SEED}: ${(err as Error).message}`, { cause: err });
    }
  });
});

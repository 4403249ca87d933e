/**
 * `--no-color` and `NO_COLOR` give the same screen (issue 22): before, chalk
 * read `--no-color` from argv and dropped every style, so the reverse video of
 * the focused row, the focused fleet cell and a profile's `PROD` label vanished
 * with the flag but not with the variable. Compared escape by escape in tmux.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDemoGateway, type DemoGateway } from '../../src/demo-gateway/index.js';
import { openProfileStore } from '../../src/store/profile-store.js';
import { appDirs } from '../helpers/temp-dir.js';
import { CLI, requireBuiltCli, startTmux, type TmuxSession, TMUX_SOCKET } from '../helpers/tmux.js';

const sessions: TmuxSession[] = [];
const dirs = appDirs('bt-no-color-');
let gw: DemoGateway;
beforeAll(async () => {
  requireBuiltCli();
  gw = await startDemoGateway({ port: 0 });
});
afterEach(async () => {
  for (const s of sessions.splice(0)) s.kill();
  await dirs.removeAll();
});
afterAll(async () => gw.close());

/** The screen with its styles (SGR escapes), as the terminal shows it. */
const styled = (s: TmuxSession): string => execFileSync('tmux', ['-L', TMUX_SOCKET, 'capture-pane', '-e', '-p', '-t', s.name], { encoding: 'utf8' });

/** Runs the app on the `prod` profile (label PROD) in a terminal, opens the fleet screen, and returns both screens with styles. */
async function screens(flag: string[], env: Record<string, string>, columns: number, rows: number): Promise<{ list: string; fleet: string }> {
  const { env: dirEnv } = dirs.create();
  const store = openProfileStore({ env: dirEnv });
  store.upsert({ name: 'prod', url: gw.url, auth: 'none', label: 'PROD', color: 'red', refreshSeconds: 0 });
  store.upsert({ name: 'staging', url: gw.url, auth: 'none', refreshSeconds: 0 });
  const s = startTmux(`node ${CLI} --profile prod ${flag.join(' ')}`, columns, rows, { ...dirEnv, ...env });
  sessions.push(s);
  await s.waitFor(/openai/);
  // The header names the gateway's version once it is known (one request after the list).
  await s.waitFor(/ · g(ateway v2\.2\.6|…)/);
  // The KEYS column fills in after the list (· until then).
  for (let t = 0; /^.\s*(acme-llm|anthropic|azure|groq|ollama|openai)\s.*\s·\s/m.test(s.screen()); t++) {
    if (t > 600) throw new Error(`the KEYS column did not fill in:\n${s.screen()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const list = styled(s);
  s.send('F');
  // Narrow, the title says `2/2 answered`; the focused cell is bracketed (`[=]`).
  await s.waitFor(/2\/2 (gateways )?answered|\bacme-llm +\[?=/);
  // Both columns answered (the first answering alone matches the line above too); openai's CA certificate
  // masks alike on both, so its cell is ≈ (the same as far as can be seen), never =.
  await s.waitFor(/openai +=\s+≈/);
  return { list, fleet: styled(s) };
}

describe('--no-color and NO_COLOR', () => {
  for (const [columns, rows] of [[100, 30], [60, 15]] as const) {
    it(`draw the same screen, reverse video included (${columns}x${rows})`, async () => {
      const flag = await screens(['--no-color'], {}, columns, rows);
      const env = await screens([], { NO_COLOR: '1' }, columns, rows);
      expect(flag.list).toBe(env.list);
      expect(flag.fleet).toBe(env.fleet);
      // Reverse video marks the focus and the label in both; no colour in either.
      expect(flag.list).toMatch(/\x1b\[[0-9;]*7m PROD /);
      expect(flag.fleet).toMatch(/\x1b\[[0-9;]*7m/);
      expect(flag.list).not.toMatch(/\x1b\[3[1-7]m|\x1b\[4[1-7]m/);
    });
  }
});

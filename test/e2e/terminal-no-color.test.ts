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

/**
 * A styled screen as it looks: each cell as its character with the styles that show on it. A space
 * shows only reverse video, underline and a background, so bold or dim spaces (which depend on how
 * Ink's incremental frames happened to erase a line, not on the colour mode) compare as plain ones;
 * a style turned off (22, 27, 39, 49, ...) is no style.
 */
const OFF: Record<string, RegExp> = { '22': /^[12]$/, '23': /^3$/, '24': /^4$/, '27': /^7$/, '39': /^3[0-8]$/, '49': /^4[0-8]$/ };
function looks(screen: string): string {
  const lines: string[] = [];
  for (const line of screen.split('\n')) {
    let sgr = new Set<string>();
    let out = '';
    let shown = '';
    for (const part of line.split(/(\x1b\[[0-9;]*m)/)) {
      const m = /^\x1b\[([0-9;]*)m$/.exec(part);
      if (m) {
        for (const code of (m[1] || '0').split(';')) {
          const off = OFF[code];
          if (code === '0' || code === '') sgr = new Set();
          else if (off) {
            for (const c of [...sgr]) if (off.test(c)) sgr.delete(c);
          } else sgr.add(code);
        }
        continue;
      }
      for (const ch of part) {
        const on = [...sgr].filter((c) => ch !== ' ' || c === '7' || c === '4' || /^4[0-9]$/.test(c)).sort().join(';');
        if (on !== shown) {
          out += `<${on}>`;
          shown = on;
        }
        out += ch;
      }
    }
    lines.push(out.replace(/(<>)?\s+$/, ''));
  }
  return lines.join('\n');
}

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
      // The header's "refreshed just now" becomes "refreshed 10s ago" 15 s after the list came: a run that slow
      // (a loaded machine) is compared below the header, whose text then differs by the clock alone.
      const age = (screen: string): string | undefined => /refreshed (just now|\d+[smh] ago)/.exec(screen.split('\n')[0] ?? '')?.[1];
      const belowHeader = (screen: string): string => screen.split('\n').slice(1).join('\n');
      if (age(flag.list) === age(env.list)) expect(flag.list).toBe(env.list);
      else expect(belowHeader(flag.list)).toBe(belowHeader(env.list));
      expect(flag.fleet).toBe(env.fleet);
      // Reverse video marks the focus and the label in both; no colour in either.
      expect(flag.list).toMatch(/\x1b\[[0-9;]*7m PROD /);
      expect(flag.fleet).toMatch(/\x1b\[[0-9;]*7m/);
      expect(flag.list).not.toMatch(/\x1b\[3[1-7]m|\x1b\[4[1-7]m/);
    });
  }

  it('draw the same form: the focused row, a value opened selected for replacing, and the first-run setup (80x24)', async () => {
    const form = async (flag: string[], env: Record<string, string>): Promise<{ form: string; setup: string }> => {
      const { env: dirEnv } = dirs.create();
      const store = openProfileStore({ env: dirEnv });
      store.upsert({ name: 'prod', url: gw.url, auth: 'none', label: 'PROD', color: 'red', refreshSeconds: 0 });
      const s = startTmux(`node ${CLI} --profile prod ${flag.join(' ')}`, 80, 24, { ...dirEnv, ...env });
      sessions.push(s);
      await s.waitFor('6 configured');
      s.send('Enter');
      await s.waitFor('› ▾ 1 Network');
      // The form's header names the gateway's version once it is known (cut at 80 columns; no clock in it).
      await s.waitFor(/ · gateway v2\.2/);
      for (let i = 0; i < 60 && !/^› +Max retries/m.test(s.screen()); i++) {
        const before = s.screen();
        s.send('j');
        for (let t = 0; t < 80 && s.screen() === before; t++) await new Promise((r) => setTimeout(r, 25));
      }
      s.send('Enter');
      await s.waitFor('type to replace');
      const formScreen = styled(s);
      const { env: emptyEnv } = dirs.create();
      const setup = startTmux(`node ${CLI} ${flag.join(' ')}`, 80, 24, { ...emptyEnv, ...env });
      sessions.push(setup);
      await setup.waitFor('type to replace');
      return { form: formScreen, setup: styled(setup) };
    };
    const flag = await form(['--no-color'], {});
    const env = await form([], { NO_COLOR: '1' });
    expect(looks(flag.form)).toBe(looks(env.form));
    expect(looks(flag.setup)).toBe(looks(env.setup));
    // The focused row, its selected value with it, is in reverse video in both (and says so in words); no colour in either.
    expect(flag.form).toMatch(/\x1b\[[0-9;]*7m[^\n]*Max retries +2\x1b\[0m[^\n]*type to replace/);
    expect(flag.form).not.toMatch(/\x1b\[3[1-7]m|\x1b\[4[1-7]m/);
    expect(flag.setup).not.toMatch(/\x1b\[3[1-7]m|\x1b\[4[1-7]m/);
  });
});

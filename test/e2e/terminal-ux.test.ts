/** Operator UX in a real terminal (tmux) against the built CLI's demo gateway: what a person sees (issue 13). */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appDirs } from '../helpers/temp-dir.js';
import { CLI, requireBuiltCli, startTmux, type TmuxSession } from '../helpers/tmux.js';

const sessions: TmuxSession[] = [];
let dir: string | undefined;
let env: Record<string, string> | undefined;
const dirs = appDirs('bt-term-ux-');
beforeAll(() => requireBuiltCli());
afterEach(async () => {
  for (const s of sessions.splice(0)) s.kill();
  dir = undefined;
  env = undefined;
  await dirs.removeAll();
});

/** Config and state (drafts, history) in a temp dir, never the user's. */
function isolatedEnv(): Record<string, string> {
  if (!env) ({ dir, env } = dirs.create());
  return env;
}

function start(columns: number, rows: number, command = `node ${CLI} --demo`, env: Record<string, string> = {}): TmuxSession {
  const s = startTmux(command, columns, rows, { ...isolatedEnv(), ...env });
  sessions.push(s);
  return s;
}

/**
 * Waits until the killed app has written its draft (on the hangup) and has exited: a draft is offered
 * once no running editor holds it, and the draft file is named after its editor (`host_pid_random`).
 */
async function draftWritten(): Promise<void> {
  const drafts = join(dir!, 'state', 'drafts');
  const files = (): string[] => (existsSync(drafts) ? readdirSync(drafts, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json')) : []);
  const alive = (pid: number): boolean => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const holders = (): number[] => files().map((f) => Number(/_(\d+)_[0-9a-f]+\.json$/.exec(f)?.[1])).filter((pid) => pid > 0);
  for (let t = 0; files().length === 0 || holders().some(alive); t++) {
    if (t > 600) throw new Error('no draft was written, or its app did not exit, after the hangup');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The focused line (the one with the `›` marker). */
function focusedLine(screen: string): string {
  return screen.split('\n').find((l) => l.startsWith('›')) ?? '';
}

/** Presses j until the focused line matches (the form scrolls as it goes). */
async function moveTo(s: TmuxSession, pattern: RegExp): Promise<void> {
  for (let i = 0; i < 60; i++) {
    if (pattern.test(focusedLine(s.screen()))) return;
    const before = s.screen();
    s.send('j');
    await changedFrom(s, before);
  }
  throw new Error(`never focused ${String(pattern)}; screen:\n${s.screen()}`);
}

/** Waits (up to 2 s) until the screen differs from `before`. */
async function changedFrom(s: TmuxSession, before: string): Promise<void> {
  for (let t = 0; t < 80 && s.screen() === before; t++) await new Promise((r) => setTimeout(r, 25));
}

async function openProvider(s: TmuxSession, name: string): Promise<void> {
  await s.waitFor('6 configured');
  s.type(`/${name}`);
  await s.waitFor(/\d match/);
  s.send('Enter');
  await moveTo(s, new RegExp(`^› ${name} `));
  s.send('Enter');
  await s.waitFor('▾ 1 Network');
}

// Several screens per test through a real terminal: generous on a loaded two-core machine.
describe('real terminal: operator UX', () => {
  it('section numbers are fixed per section; a missing section says so; a jump puts its header near the top and the cursor on its first field', async () => {
    const s = start(100, 30);
    await openProvider(s, 'openai');
    s.send('5');
    await s.waitFor('no Custom provider section on a built-in provider');
    s.send('6');
    const six = await s.waitFor(/▾ 6 OpenAI[^\n]*\n›/);
    const lines = six.split('\n');
    const header = lines.findIndex((l) => /▾ 6 OpenAI/.test(l));
    expect(header).toBeGreaterThan(0);
    // near the top, or as high as the form's end allows: every field of the section is on screen
    expect(header <= 3 || lines.some((l) => /▾ 7 Other fields/.test(l))).toBe(true);
    // the cursor is on the first field below the header, not on the header
    expect(lines[header + 1]).toMatch(/^›/);
    s.send('7');
    const seven = await s.waitFor(/▾ 7 Other fields/);
    expect(focusedLine(seven)).not.toContain('Other fields');
  });

  it('q on the "terminal too small" screen asks when there are unsaved edits', async () => {
    const s = start(100, 30);
    await openProvider(s, 'acme-llm');
    await moveTo(s, /Send back raw request\s+off/);
    s.send('Enter');
    await s.waitFor(/› \*Send back raw request\s+on/);
    s.resize(50, 12);
    await s.waitFor('terminal too small');
    s.send('q');
    await s.waitFor('1 unsaved change');
    // still running: n keeps the edits, and a resize brings the form back
    s.send('n');
    s.resize(100, 30);
    await s.waitFor(/\*Send back raw request\s+on/);
  });

  it('the draft prompt says what Enter does', async () => {
    const first = start(100, 30);
    await openProvider(first, 'acme-llm');
    await moveTo(first, /Send back raw request\s+off/);
    first.send('Enter');
    await first.waitFor(/› \*Send back raw request\s+on/);
    first.kill();
    await draftWritten();
    const second = start(100, 30);
    await second.waitFor('6 configured');
    second.type('/acme');
    await second.waitFor('1 match');
    second.send('Enter', 'Enter');
    const prompt = await second.waitFor('were kept');
    expect(prompt).toMatch(/Enter or r restore/);
  });

  it('the review shows a long value in full, wrapped, and scrolls to the end with G', async () => {
    const s = start(60, 15);
    await openProvider(s, 'openai');
    await moveTo(s, /Base URL/);
    const long = `https://api.openai.com/v1/${'very-long-path-segment/'.repeat(16)}end`;
    s.send('Enter', 'C-u');
    s.type(long);
    s.send('Enter');
    await s.waitFor(/› \*Base URL/);
    await moveTo(s, /Send back raw request\s+off/);
    s.send('Enter');
    await moveTo(s, /Send back raw response\s+off/);
    s.send('Enter');
    s.send('C-s');
    await s.waitFor('Review: saving openai');
    const seen: string[] = [];
    for (let i = 0; i < 20; i++) {
      const screen = s.screen();
      seen.push(screen);
      if (!screen.includes('more below')) break;
      s.send('j');
      await changedFrom(s, screen);
    }
    // j scrolls one line: the document is the first window plus the last line of every later one
    const docLines = (screen: string): string[] => {
      const lines = screen.split('\n');
      const from = lines.findIndex((l) => l.startsWith('Review:')) + 1;
      return lines.slice(from, lines.findIndex((l) => l.startsWith('The complete object'))).filter((l) => !/^\s+lines \d/.test(l));
    };
    const doc = [...docLines(seen[0]!), ...seen.slice(1).map((sc) => docLines(sc).at(-1)!)];
    expect(doc.map((l) => l.trim()).join('').replace(/^.*now: "/, '')).toContain(`${long}"`);
    for (const line of seen.at(-1)!.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
    s.send('g');
    await s.waitFor('more below');
    s.send('G');
    const end = await s.waitFor(/raw_response/);
    expect(end).not.toContain('more below');
  });

  it('the help overlay says there is more, shows a position, and scrolls with PgDn and G', async () => {
    const s = start(60, 15);
    await s.waitFor('6 configured');
    s.send('?');
    const top = await s.waitFor('more below');
    expect(top).toMatch(/\d+-\d+ of \d+/);
    s.send('G');
    const end = await s.waitFor('quit (asks when there are unsaved edits)');
    expect(end).not.toContain('more below');
    s.send('g');
    await s.waitFor('more below');
    s.send('PageDown');
    await s.waitFor(/lines (?!1-)\d+-\d+ of \d+/);
  });

  for (const [how, command, env] of [
    ['NO_COLOR', `node ${CLI} --demo`, { NO_COLOR: '1' }],
    ['--no-color', `node ${CLI} --demo --no-color`, {}],
    // tmux sets TERM in the pane itself, so the command line sets it
    ['TERM=dumb', `TERM=dumb node ${CLI} --demo`, {}],
  ] as const) {
    it(`monochrome (${how}): the focused grid cell and the text cursor are marked with characters`, async () => {
      const s = start(100, 30, command, env);
      await openProvider(s, 'acme-llm');
      await moveTo(s, /Max retries/);
      s.send('Enter');
      await s.waitFor(/› +Max retries\s+2▏/);
      s.send('Escape', '5');
      await s.waitFor(/^›\s+Base provider type/m);
      await moveTo(s, /Allowed requests/);
      s.send('Enter');
      const grid = await s.waitFor(/Allowed requests \d/);
      expect(grid).toMatch(/›\[[x ]\] \w/);
      expect(grid.match(/›\[/g)).toHaveLength(1);
    });
  }

  it('at 60x15 the provider name, the dirty count and "? help" survive; the list footer keeps ?, P and q', async () => {
    const s = start(60, 15);
    const list = await s.waitFor('6 configured');
    const footer = list.trimEnd().split('\n').at(-1)!;
    for (const hint of ['? help', 'P profiles', 'q quit']) expect(footer).toContain(hint);
    await openProvider(s, 'acme-llm');
    await moveTo(s, /Max retries/);
    s.send('Enter', 'C-u');
    s.type('9');
    s.send('Enter');
    const form = await s.waitFor(/\*Max retries/);
    const lines = form.trimEnd().split('\n');
    expect(lines[0]).toContain('acme-llm');
    expect(lines[0]).toContain('1 changed');
    expect(lines.at(-1)).toContain('? help');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(60);
  });

  for (const [columns, rows] of [[100, 30], [60, 15]] as const) {
    it(`at ${columns}x${rows} a focused long value in the form is shown in full, wrapped below its row`, async () => {
      const s = start(columns, rows);
      await openProvider(s, 'openai');
      await moveTo(s, /Base URL/);
      const long = `https://api.openai.com/v1/${'very-long-path-segment/'.repeat(12)}end`;
      s.send('Enter', 'C-u');
      s.type(long);
      s.send('Enter');
      const screen = await s.waitFor(/› \*Base URL/);
      const lines = screen.split('\n');
      const at = lines.findIndex((l) => l.startsWith('› *Base URL'));
      const below: string[] = [];
      for (const l of lines.slice(at + 1)) {
        if (!/^ {4}\S/.test(l)) break;
        below.push(l.trim());
      }
      expect(below.join('')).toBe(long);
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(columns);
      // moving away shows the form as before
      s.send('j');
      // The cursor has left Base URL once the focused line is another field (waiting for any focused line
      // would match the screen from before the key).
      const after = await s.waitFor(/^› +(?!\*Base URL)\S/m);
      expect(after).not.toContain('end\n');
    });
  }

  it('at 120 columns spare width goes to the columns that need it: the base URL and the note are both whole', async () => {
    const s = start(120, 30);
    const list = await s.waitFor('6 configured');
    const acme = list.split('\n').find((l) => l.includes('acme-llm '))!;
    expect(acme).toContain('https://llm.acme.example.com');
    expect(list).toContain('⚠ list_models_failed');
    expect(list).not.toMatch(/https:\S*…/);
    for (const line of list.split('\n')) expect(line.length).toBeLessThanOrEqual(120);
  });

  it('the map editor footer offers r rename, and a new entry is labelled key and value', async () => {
    const s = start(100, 30);
    await openProvider(s, 'acme-llm');
    await moveTo(s, /Request path overrides/);
    s.send('Enter');
    const editor = await s.waitFor(/Request path overrides · \d+ entr/);
    expect(editor.trimEnd().split('\n').at(-1)).toContain('r rename');
    s.send('a');
    const adding = await s.waitFor(/^› .*=/m);
    const lines = adding.split('\n');
    const at = lines.findIndex((l) => l.startsWith('› '));
    // the row being added is not a bare `›   =`: key and value are named on screen
    expect(lines.slice(0, at + 1).join('\n')).toMatch(/KEY\s+VALUE|key[^\n]*value/i);
    s.type('embedding');
    s.send('Enter');
    s.type('/v2/embed');
    s.send('Enter');
    await s.waitFor(/embedding\s+= \/v2\/embed/);
  });

  it('the header counts flags toggled in the allowed_requests grid before it is closed', async () => {
    const s = start(100, 30);
    await openProvider(s, 'acme-llm');
    await moveTo(s, /Allowed requests/);
    s.send('Enter');
    const grid = await s.waitFor(/Allowed requests \d/);
    expect(grid.split('\n')[0]).toContain('no changes');
    s.send('Space');
    const toggled = await s.waitFor(/^bifrost-tui.*1 changed/);
    expect(toggled.split('\n')[0]).not.toContain('no changes');
    s.send('Space'); // back as it was
    await s.waitFor(/^bifrost-tui.*no changes/);
  });

  for (const [how, command, env] of [
    ['NO_COLOR', `node ${CLI} --demo`, { NO_COLOR: '1' }],
    ['--no-color', `node ${CLI} --demo --no-color`, {}],
    ['TERM=dumb', `TERM=dumb node ${CLI} --demo`, {}],
  ] as const) {
    it(`monochrome (${how}): the profiles screen marks its focused row with › (as the README says)`, async () => {
      const profiles = isolatedEnv();
      for (const name of ['lab', 'prod']) {
        execFileSync('node', [CLI, 'profiles', 'add', name, '--url', 'http://127.0.0.1:9', '--auth', 'none'], { env: { ...process.env, ...profiles }, timeout: 10_000 });
      }
      const s = start(100, 30, command, env);
      await s.waitFor('6 configured');
      s.send('P');
      const first = await s.waitFor(/^›\*\s+lab /m);
      expect(first.match(/^›/gm)).toHaveLength(1);
      s.send('j');
      const second = await s.waitFor(/^›\s+prod /m);
      expect(second.match(/^›/gm)).toHaveLength(1);
    });
  }
});

/**
 * Issue 22, "Less friction, one convention": what an operator sees in a real terminal (tmux) at 80x24
 * and at the minimum size, 60x15, against the built CLI's demo gateway.
 */
import { execFileSync } from 'node:child_process';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDemoGateway, type DemoGateway } from '../../src/demo-gateway/index.js';
import { appDirs } from '../helpers/temp-dir.js';
import { CLI, requireBuiltCli, startTmux, type TmuxSession } from '../helpers/tmux.js';

const sessions: TmuxSession[] = [];
const gateways: DemoGateway[] = [];
const dirs = appDirs('bt-friction-');
beforeAll(() => requireBuiltCli());
afterEach(async () => {
  for (const s of sessions.splice(0)) s.kill();
  for (const g of gateways.splice(0)) await g.close();
  await dirs.removeAll();
});

function start(columns: number, rows: number, args = '--demo', env: Record<string, string> = {}): TmuxSession {
  const s = startTmux(`node ${CLI} ${args}`, columns, rows, { ...dirs.create().env, ...env });
  sessions.push(s);
  return s;
}

/** The focused line (the one with the `›` marker). */
function focusedLine(screen: string): string {
  return screen.split('\n').find((l) => l.startsWith('›')) ?? '';
}

/** Waits (up to 2 s) until the screen differs from `before`. */
async function changedFrom(s: TmuxSession, before: string): Promise<void> {
  for (let t = 0; t < 80 && s.screen() === before; t++) await new Promise((r) => setTimeout(r, 25));
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

describe('editing replaces the value on the first keystroke', () => {
  it('80x24: Max retries 2, Enter, 5, Enter gives 5 (not 25); the value shows selected with a hint', async () => {
    const s = start(80, 24);
    await s.waitFor('6 configured');
    s.send('Enter');
    await s.waitFor('› ▾ 1 Network');
    await moveTo(s, /Max retries\s+2\b/);
    s.send('Enter');
    await s.waitFor('type to replace');
    s.type('5');
    s.send('Enter');
    expect(focusedLine(await s.waitFor(/› \*Max retries\s+5\b/))).not.toMatch(/25/);
  });

  it('60x15: a key\'s weight in the key form: Enter, 0.7, Enter reviews 1 → 0.7', async () => {
    const s = start(60, 15);
    await s.waitFor('6 configured');
    s.send('y');
    await s.waitFor('acme-eu');
    s.send('Enter');
    await s.waitFor('Key acme-eu');
    await moveTo(s, /Weight\s+1\b/);
    s.send('Enter');
    await s.waitFor('Weight: ');
    s.type('0.7');
    s.send('Enter');
    const review = await s.waitFor('Edit Weight of');
    expect(review).toMatch(/weight: 1 → 0\.7/);
  });
});

describe('g/G and the page keys on every list', () => {
  it('60x15: the keys screen (G, g, End), the key form (G, Home) and a key\'s model list (G, g)', async () => {
    const s = start(60, 15);
    await s.waitFor('6 configured');
    s.send('G');
    await s.waitFor(/› openai /);
    s.send('y');
    await s.waitFor(/› +openai-prod/);
    s.send('G');
    await s.waitFor(/› +openai-batch/);
    s.send('g');
    await s.waitFor(/› +openai-prod/);
    s.send('End');
    await s.waitFor(/› +openai-batch/);
    s.send('g', 'Enter');
    await s.waitFor('Key openai-prod');
    s.send('G');
    const last = await s.waitFor(/^› (?!Name)\S/m);
    expect(focusedLine(last)).not.toMatch(/Name/);
    s.send('Home');
    await s.waitFor(/› Name\b/);
    await moveTo(s, /Models \(allow-list\)/);
    s.send('Enter');
    await s.waitFor(/› gpt-4o\s*$/m);
    s.send('G');
    await s.waitFor('› + add entry (a)');
    s.send('g');
    await s.waitFor(/› gpt-4o\s*$/m);
  });
});

describe('a destructive action asks for y, never Enter', () => {
  it('80x24: d on a key asks "… [y/N]"; Enter is no (nothing sent), y deletes', async () => {
    const s = start(80, 24);
    await s.waitFor('6 configured');
    s.send('y');
    await s.waitFor(/› +acme-eu/);
    s.send('d');
    const asked = await s.waitFor('Delete "acme-eu" of acme-llm? [y/N]');
    expect(asked.trimEnd().split('\n').at(-1)).toMatch(/y yes\s+n no/);
    s.send('Enter');
    await s.waitFor('cancelled: nothing sent');
    expect(s.screen()).toMatch(/› +acme-eu/);
    s.send('d');
    await s.waitFor('[y/N]');
    s.send('y');
    await s.waitFor('no keys on acme-llm');
  });

  it('60x15: leaving a form with edits, d asks "Discard … [y/N]"; Enter goes back to the question, y discards', async () => {
    const s = start(60, 15);
    await s.waitFor('6 configured');
    s.send('Enter');
    await s.waitFor('› ▾ 1 Network');
    await moveTo(s, /Max retries\s+2\b/);
    s.send('Enter');
    s.type('7');
    s.send('Enter');
    await s.waitFor(/\*Max retries\s+7/);
    s.send('Escape');
    await s.waitFor('1 unsaved change: s save · d discard');
    s.send('d');
    await s.waitFor('Discard 1 unsaved change to acme-llm? [y/N]');
    s.send('Enter');
    await s.waitFor('1 unsaved change: s save · d discard');
    s.send('d');
    await s.waitFor('[y/N]');
    s.send('y');
    await s.waitFor('6 configured');
  });
});

describe('footers at 80 columns keep the primary actions; long labels wrap, cut text ends with …', () => {
  const footer = (screen: string): string => screen.trimEnd().split('\n').at(-1) ?? '';

  it('80x24: the list footer has F fleet and y keys; the keys screen\'s has - off and d delete', async () => {
    const s = start(80, 24);
    const list = footer(await s.waitFor('6 configured'));
    for (const hint of ['Enter open', '/ filter', 'y keys', 'P profiles', 'F fleet', 'q quit', '? help']) expect(list).toContain(hint);
    s.send('y');
    const keys = footer(await s.waitFor(/› +acme-eu/));
    for (const hint of ['Enter edit', 'a add', '+ on', '- off', 'd delete', 'Esc back', '? help']) expect(keys).toContain(hint);
  });

  it('60x15: a focused field whose label is cut shows the label in full with its value below it', async () => {
    const s = start(60, 15);
    await s.waitFor('6 configured');
    s.send('Enter');
    await s.waitFor('› ▾ 1 Network');
    s.send('4');
    await moveTo(s, /Store raw request\/res… off/);
    expect(s.screen()).toMatch(/^ {4}Store raw request\/response: off$/m);
  });

  it('60x15: the help wraps a long help text instead of cutting it', async () => {
    const s = start(60, 15);
    await s.waitFor('6 configured');
    s.send('Enter');
    await s.waitFor('› ▾ 1 Network');
    s.send('?');
    await s.waitFor('› help');
    s.send('G');
    // The end of the form's help: a save in flight, whose Esc has the longest help text.
    const text = await s.waitFor('· end');
    expect(text).toContain('nothing to cancel: says that the save');
    expect(text).toMatch(/^ +cannot be taken back, and keeps waiting\n +for its answer$/m);
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
  });
});

describe('the allowed_requests grid', () => {
  it('60x15: M and M again keeps the 5 allowed (not "all 60"); the grid says where the cursor is; its meaning is cut with …', async () => {
    const s = start(60, 15);
    await s.waitFor('6 configured');
    s.send('Enter');
    await s.waitFor('› ▾ 1 Network');
    s.send('5');
    await moveTo(s, /Allowed requests\s+5\/60 allowed/);
    s.send('Enter');
    const grid = await s.waitFor('Allowed requests 5/60 allowed · at 1/60');
    // Three lines' worth of meaning in two: the second ends with … (not cut by the box)
    expect(grid.split('\n')[3]).toMatch(/…$/);
    s.send('l', 'j');
    await s.waitFor('· at 4/60');
    s.send('M');
    await s.waitFor('all allowed (60/60)');
    await s.waitFor('M: back to the 5 allowed before.');
    s.send('M');
    await s.waitFor('Allowed requests 5/60 allowed');
    s.send('Escape');
    await s.waitFor(/› +Allowed requests\s+5\/60 allowed/);
    expect(s.screen()).not.toMatch(/\d+ changed/);
  });
});

describe('a read-only profile', () => {
  /** The app on a demo gateway through a profile stored with --read-only. */
  async function readOnlyApp(columns: number, rows: number): Promise<{ s: TmuxSession; gw: DemoGateway }> {
    const gw = await startDemoGateway({ port: 0 });
    gateways.push(gw);
    const { env } = dirs.create();
    execFileSync('node', [CLI, 'profiles', 'add', 'prod', '--url', gw.url, '--auth', 'none', '--read-only'], { env: { ...process.env, ...env }, timeout: 20_000 });
    const s = startTmux(`node ${CLI} --profile prod`, columns, rows, env);
    sessions.push(s);
    await s.waitFor('6 configured');
    return { s, gw };
  }

  it('80x24: the form says so as it opens, offers no ^S (footer, help), and ^S answers with one line', async () => {
    const { s, gw } = await readOnlyApp(80, 24);
    s.send('Enter');
    const opened = await s.waitFor('› ▾ 1 Network');
    expect(opened).toContain('read-only profile: edits can be tried here, nothing is saved (^S is off)');
    const footer = opened.trimEnd().split('\n').at(-1)!;
    expect(footer).not.toContain('^S');
    expect(footer).toContain('Esc back');
    s.send('?');
    await s.waitFor('› help');
    expect(s.screen()).not.toMatch(/\^S\s+save/);
    s.send('Escape');
    await moveTo(s, /Max retries\s+2\b/);
    s.send('Enter');
    s.type('5');
    s.send('Enter', 'C-s');
    await s.waitFor(/read-only profile: edits can be tried here, nothing is saved/);
    s.send('Escape');
    const leave = await s.waitFor('1 unsaved change:');
    expect(leave).toContain('1 unsaved change: d discard · Esc keep editing');
    expect(gw.requests.filter((r) => r.method === 'PUT')).toEqual([]);
  });

  it('60x15: the keys screen offers no writing key, and each one answers with one line', async () => {
    const { s, gw } = await readOnlyApp(60, 15);
    s.send('y');
    const keys = await s.waitFor(/› +acme-eu/);
    const footer = keys.trimEnd().split('\n').at(-1)!;
    for (const hint of ['a add', '+ on', '- off', 'd delete']) expect(footer).not.toContain(hint);
    expect(footer).toContain('Esc back');
    s.send('d');
    await s.waitFor('read-only profile: keys can be looked at here, not changed');
    // What each writing key would open otherwise: a review, the re-weight prompt, the add prompt.
    for (const [key, opens] of [['+', 'Enable'], ['-', 'Disable'], ['w', 'Weight (0-1)'], ['R', 'New value'], ['a', 'Name of the new key']] as const) {
      s.send(key, '?');
      await s.waitFor('› help'); // the key before ? has been handled
      s.send('Escape');
      const after = await s.waitFor(/› +acme-eu/);
      expect(after).not.toContain(opens);
      expect(after).toContain('read-only profile: keys can be looked at here, not changed');
    }
    s.send('Enter');
    await s.waitFor('Key acme-eu');
    s.send('Enter');
    await s.waitFor('read-only profile: keys can be looked at here, not changed');
    expect(gw.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });
});

describe('the provider list: a filter on the status, a position, a sort', () => {
  /** The app on a demo gateway with 306 providers (19 of them in error). */
  async function bigList(columns: number, rows: number): Promise<TmuxSession> {
    const gw = await startDemoGateway({ port: 0, extraProviders: 300 });
    gateways.push(gw);
    const s = start(columns, rows, `--url ${gw.url}`);
    await s.waitFor('306 configured');
    return s;
  }
  const titles = (screen: string): string => screen.split('\n')[1] ?? '';
  const tableRows = (screen: string): string[] => screen.split('\n').slice(2).filter((l) => /^[› ][ •]\S/.test(l) && /[●✖?○] \w/.test(l));

  it('80x24: the title line says where the cursor is (12/306, 306/306) and that the list is by name ↑', async () => {
    const s = await bigList(80, 24);
    expect(titles(s.screen())).toMatch(/^ {2}NAME↑ +KIND +STATUS +CONC\/BUF .* 1\/306$/);
    for (let i = 0; i < 11; i++) s.send('j');
    expect(titles(await s.waitFor(/ 12\/306\n/))).toMatch(/ 12\/306$/);
    s.send('G');
    expect(focusedLine(await s.waitFor(/ 306\/306\n/))).toMatch(/^›.*openai/);
  });

  it('80x24: /error keeps the 19 providers in error (the badge, not a name), 1/19', async () => {
    const s = await bigList(80, 24);
    s.type('/error');
    s.send('Enter');
    const screen = await s.waitFor('19 matches');
    expect(titles(screen)).toMatch(/ 1\/19$/);
    const rows = tableRows(screen);
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) expect(row).toMatch(/✖ error/);
    s.send('G');
    await s.waitFor(/ 19\/19\n/);
  });

  it('60x15: s sorts by the next column (KIND, then STATUS: errors first), S reverses it; the focused provider stays focused', async () => {
    const s = await bigList(60, 15);
    s.send('j', 'j');
    await s.waitFor(/^› azure /m);
    s.send('s');
    expect(titles(await s.waitFor('KIND↑'))).toMatch(/^ {2}NAME +KIND↑ +STATUS /);
    s.send('s');
    const byStatus = await s.waitFor('STATUS↑');
    // azure (an error) stays focused, and is now first: the errors come first, by name.
    expect(titles(byStatus)).toMatch(/ 1\/306$/);
    expect(tableRows(byStatus).slice(0, 3).map((l) => l.slice(2).split(/ +/)[0])).toEqual(['azure', 'bench-00006', 'bench-00023']);
    expect(focusedLine(byStatus)).toMatch(/^› +azure /);
    s.send('S');
    const reversed = await s.waitFor('STATUS↓');
    // The errors last now (still by name among themselves): azure is the first of the last 19.
    expect(titles(reversed)).toMatch(/ 288\/306$/);
    expect(focusedLine(reversed)).toMatch(/^› +azure /);
    s.send('g');
    expect(focusedLine(await s.waitFor(/ 1\/306\n/))).toMatch(/^› +acme-llm .*● acti/);
  });
});

describe('first-run setup', () => {
  const footer = (screen: string): string => screen.trimEnd().split('\n').at(-1) ?? '';

  it('80x24: the footer says Esc quit, and Esc quits (exit 0) with nothing saved', async () => {
    const { env } = dirs.create();
    const s = startTmux(`node ${CLI}`, 80, 24, env);
    sessions.push(s);
    const first = await s.waitFor('first-run setup');
    expect(footer(first)).toContain('Esc quit');
    expect(footer(first)).not.toMatch(/Esc cancel|\? help/);
    s.send('Down');
    s.type('gw.example');
    s.send('Escape');
    expect(await s.waitForExit()).toBe(0);
    const stored = execFileSync('node', [CLI, 'profiles', 'list', '-o', 'json'], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 20_000 });
    expect(JSON.parse(stored)).toEqual({ defaultProfile: null, profiles: [] });
  });

  it('80x24: a URL typed without a scheme gets http:// as the field is left; the profile is saved with it and opens', async () => {
    const gw = await startDemoGateway({ port: 0 });
    gateways.push(gw);
    const { env } = dirs.create();
    const s = startTmux(`node ${CLI}`, 80, 24, env);
    sessions.push(s);
    await s.waitFor('first-run setup');
    const hostPort = gw.url.replace(/^http:\/\//, '');
    s.send('Down');
    s.type(hostPort);
    s.send('Tab');
    await s.waitFor(new RegExp(`URL +http://${hostPort.replace(/\./g, '\\.')}\\b`));
    s.send('Left');
    await s.waitFor('‹ none ›');
    s.send('C-s');
    await s.waitFor('6 configured');
    const stored = execFileSync('node', [CLI, 'profiles', 'list', '-o', 'json'], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 20_000 });
    expect(stored).toContain(`"url": "http://${hostPort}"`);
  });
});

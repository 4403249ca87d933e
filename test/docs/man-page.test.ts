/**
 * bifrost-tui.1 is the help the CLI prints, as a man page: it must be what
 * `npm run man` makes from the built CLI now, so a changed --help fails here
 * until the page is regenerated; and `man ./bifrost-tui.1` shows every line
 * of it (needs man-db, which .ci/run installs).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { namedCommands, type HelpNode } from '../../scripts/man/help-tree.mjs';
import { MAN_PAGE, manPageOf } from '../../scripts/man/page.mjs';
import { roffLine } from '../../scripts/man/roff.mjs';
import { CLI, requireBuiltCli } from '../helpers/tmux.js';

describe('the man page', () => {
  let page: string;
  let tree: HelpNode[];
  beforeAll(async () => {
    requireBuiltCli();
    ({ page, tree } = await manPageOf([process.execPath, CLI]));
  });

  it('is what the help of the built CLI says now (else: npm run man)', () => {
    expect(readFileSync(MAN_PAGE, 'utf8') === page, `${MAN_PAGE} differs from the help the CLI prints: run npm run man`).toBe(true);
  });

  it('ends with what --version says: the app\'s version and the gateway versions it supports', () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(page.trimEnd().split('\n').slice(-2)).toEqual(['.SH VERSION', `bifrost\\-tui ${version} (Bifrost gateways v1.4 to v2.2)`]);
  });

  it('holds every command the help names, each with its own --help or its group\'s', () => {
    const commands = tree.map((n) => n.path.join(' '));
    for (const c of ['providers', 'providers list', 'providers apply', 'keys', 'keys rotate', 'profiles', 'profiles add', 'fleet', 'fleet push', 'demo-gateway']) {
      expect(commands).toContain(c);
    }
    // An example's argument (`providers export openai -o …`) is no command.
    expect(commands.filter((c) => c.split(' ').length > 2)).toEqual([]);
    for (const node of tree.filter((n) => n.path.length > 0)) expect(page).toContain(`.SS "${roffLine(['bifrost-tui', ...node.path].join(' '))}"`);
  });

  it('renders with `man ./bifrost-tui.1`, showing every line of every --help', () => {
    const rendered = execFileSync('man', [`./${MAN_PAGE}`], { encoding: 'utf8', env: { PATH: process.env.PATH, MANPAGER: 'cat', MANWIDTH: '200', LANG: 'C.UTF-8' } });
    expect(rendered).toMatch(/^BIFROST-TUI\(1\)\s+User Commands/);
    const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
    const shown = squash(rendered);
    const lines = tree.flatMap((n) => (n.help ?? '').split('\n')).filter((l) => l.trim() !== '');
    expect(lines.length).toBeGreaterThan(100);
    expect(lines.filter((l) => !shown.includes(squash(l)))).toEqual([]);
  });

  it('finds commands in usage lines and under a Commands: heading, not in prose', () => {
    const help = 'Usage:\n  bifrost-tui keys enable|disable PROVIDER\n\nCommands:\n  list        all\n  show NAME   one\n                 [--json] continued\n\nNote: bifrost-tui is great; run list twice.\n';
    expect(namedCommands(help, ['keys']).sort()).toEqual(['disable', 'enable', 'list', 'show']);
  });

  it('escapes what roff would read as requests or special characters', () => {
    expect(roffLine(".hidden 'x' \\n --flag ~/a^b `c` ≥")).toBe("\\&.hidden \\(aqx\\(aq \\en \\-\\-flag \\(ti/a\\(hab \\(gac\\(ga \\[u2265]");
    expect(path.extname(MAN_PAGE)).toBe('.1');
  });
});

/**
 * The README's command reference and exit codes are the code's own tables
 * (the command tree and src/state/exit-codes.ts), and every command line in
 * its examples uses only options that command takes. A disagreement fails;
 * `UPDATE_README=1 npx vitest run test/docs/readme-commands.test.ts` rewrites
 * the generated section from the code.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allOptions, childByWord, synopsis, visibleChildren } from '../../src/commands/help.js';
import { COMMON, CONNECTION, OUTPUT, WRITING } from '../../src/commands/tree/groups.js';
import { ROOT } from '../../src/commands/tree/root.js';
import { PROFILE_SETTINGS } from '../../src/commands/tree/profiles.js';
import type { CommandSpec } from '../../src/commands/tree/types.js';
import { optionLabel } from '../../src/state/cli/option-spec.js';
import { EXIT_CODES, EXIT_MEANINGS } from '../../src/state/exit-codes.js';

const README = 'README.md';
const BEGIN = '<!-- command reference: generated from src/commands/tree (test/docs/readme-commands.test.ts) -->';
const END = '<!-- end of command reference -->';

const cell = (text: string): string => text.replace(/\|/g, '\\|');

/** The reference: one row per synopsis line of every command, then the shared options. */
function reference(): string {
  const rows: string[] = [];
  const visit = (node: CommandSpec, path: string[]): void => {
    if (!node.children || path.length === 0) {
      synopsis(path, node).forEach((line, i) => rows.push(`| \`${cell(line)}\` | ${i === 0 ? cell(path.length === 0 ? 'the interactive editor' : node.summary) : ''} |`));
    }
    for (const c of visibleChildren(node)) if (c.name !== 'help' || path.length === 0) visit(c, [...path, c.name]);
  };
  visit(ROOT, []);
  const groups = [CONNECTION, OUTPUT, WRITING, COMMON].map((g) =>
    [`**${g.title}**`, '', '| Option | Meaning |', '| --- | --- |', ...Object.entries(g.options).map(([n, o]) => `| \`${optionLabel(n, o).trim()}\` | ${cell(o.help)} |`)].join('\n'),
  );
  return [BEGIN, '', '| Command | What it does |', '| --- | --- |', ...rows, '', ...groups.flatMap((g) => [g, '']), END].join('\n');
}

function section(readme: string, heading: string): string {
  const start = readme.indexOf(`\n## ${heading}\n`);
  expect(start, `README.md has "## ${heading}"`).toBeGreaterThanOrEqual(0);
  const rest = readme.slice(start + 1);
  const end = rest.indexOf('\n## ', 1);
  return end < 0 ? rest : rest.slice(0, end);
}

describe('README command reference', () => {
  it('is generated from the command tree', () => {
    let readme = readFileSync(README, 'utf8');
    const a = readme.indexOf(BEGIN);
    const b = readme.indexOf(END);
    const want = reference();
    if (process.env.UPDATE_README === '1' && a >= 0 && b > a) {
      readme = readme.slice(0, a) + want + readme.slice(b + END.length);
      writeFileSync(README, readme);
    }
    expect(a, 'README.md holds the generated reference between its markers').toBeGreaterThanOrEqual(0);
    expect(readme.slice(a, b + END.length)).toBe(want);
  });
});

describe('README exit codes', () => {
  it('are the table of src/state/exit-codes.ts, both ways', () => {
    const rows = [...section(readFileSync(README, 'utf8'), 'Exit codes').matchAll(/^\| (\d+) \| (.+) \|$/gm)].map((m) => [Number(m[1]), m[2]!.replace(/\\\|/g, '|')]);
    expect(rows).toEqual(EXIT_CODES.map((c) => [c, EXIT_MEANINGS[c]]));
  });
});

describe('README profile settings', () => {
  it('the options table of profiles add/edit is the tree\'s settings table', () => {
    const profiles = section(readFileSync(README, 'utf8'), 'Profiles');
    const table = profiles.slice(profiles.indexOf('| Option | Meaning |'), profiles.indexOf('\n\n', profiles.indexOf('| Option | Meaning |')));
    const named = new Set([...table.matchAll(/`(--[a-z-]+)/g)].map((m) => m[1]!.slice(2)));
    expect([...named].sort()).toEqual(Object.keys(PROFILE_SETTINGS).sort());
  });
});

describe('README examples', () => {
  it('use only options the command they run takes', () => {
    const readme = readFileSync(README, 'utf8').replace(/\\\n\s*/g, ' ');
    const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const wrong: string[] = [];
    let checked = 0;
    for (const line of blocks.flatMap((b) => b.split('\n'))) {
      for (const segment of line.split(/\||&&|;|#|\$\(/)) {
        const at = segment.indexOf('bifrost-tui');
        if (at < 0) continue;
        const words = segment.slice(at).trim().split(/\s+/).slice(1);
        let node: CommandSpec = ROOT;
        for (const w of words) {
          if (w.startsWith('-')) continue;
          const child = childByWord(node, w);
          if (!child) break;
          node = child;
        }
        if (node.children && node !== ROOT) continue; // `bifrost-tui fleet <command>`: a group, no options
        const options = Object.entries(allOptions(node));
        for (const w of words.filter((x) => /^--?[a-zA-Z]/.test(x))) {
          const ok = w.startsWith('--') ? options.some(([n]) => n === w.slice(2).split('=')[0]) : options.some(([, o]) => o.short === w[1] && w.length === 2);
          checked++;
          if (!ok) wrong.push(`${w} in: ${segment.trim()}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
    expect(wrong).toEqual([]);
  });
});


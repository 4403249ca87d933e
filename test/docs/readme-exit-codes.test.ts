/** One exit-code table (src/state/exit-codes.ts) feeds the README and every --help, so neither can drift. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXIT, EXIT_CODES, exitCodesMarkdown } from '../../src/state/exit-codes.js';
import { FLEET_DIFF_HELP, FLEET_HELP, FLEET_PUSH_HELP } from '../../src/commands/fleet-help.js';
import { KEYS_HELP, KEYS_SET_HELP } from '../../src/commands/keys-help.js';
import { PROFILES_HELP } from '../../src/commands/profiles-help.js';
import * as providersHelp from '../../src/commands/providers-help.js';
import { USAGE } from '../../src/usage.js';

describe('exit codes', () => {
  it('the README "Exit codes" table is the table of src/state/exit-codes.ts', () => {
    const readme = readFileSync('README.md', 'utf8');
    const start = readme.indexOf('\n## Exit codes\n');
    expect(start).toBeGreaterThanOrEqual(0);
    const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
    const table = section.split('\n').filter((l) => l.startsWith('|')).join('\n');
    expect(table).toBe(exitCodesMarkdown());
  });

  it('every code has a row, and every --help lists the codes it can end with from that table', () => {
    expect(EXIT_CODES.map((r) => r.code)).toEqual(Object.values(EXIT));
    const helps = { USAGE, FLEET_HELP, FLEET_DIFF_HELP, FLEET_PUSH_HELP, KEYS_HELP, KEYS_SET_HELP, PROFILES_HELP, ...providersHelp };
    for (const [name, text] of Object.entries(helps)) {
      expect(text, name).toContain('Exit codes:\n');
      const listed = [...text.matchAll(/^ {2}(\d) {2}(.+)$/gm)].map((m) => [Number(m[1]), m[2]]);
      expect(listed.length, name).toBeGreaterThan(0);
      for (const [code, words] of listed) expect(EXIT_CODES.find((r) => r.code === code)?.short, `${name}: ${code}`).toBe(words);
    }
  });
});

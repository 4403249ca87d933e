/** The README's keys tables must match the keymap table exactly, both ways, so the docs cannot drift. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KEYMAP, keyLabel, type Scope } from '../../src/ui/keymap.js';

interface Row {
  scope: string;
  keys: string[];
  help: string;
}

/** Rows of the tables under `## Keys`, each under a `### Title (\`scope\`)` heading. */
function readmeRows(): Row[] {
  const readme = readFileSync('README.md', 'utf8');
  const start = readme.indexOf('\n## Keys\n');
  expect(start, 'README.md has a "## Keys" section').toBeGreaterThanOrEqual(0);
  const rest = readme.slice(start + 1);
  const end = rest.indexOf('\n## ', 1);
  const section = end < 0 ? rest : rest.slice(0, end);
  const rows: Row[] = [];
  let scope: string | undefined;
  for (const line of section.split('\n')) {
    const heading = /^### .*\(`(\w+)`\)\s*$/.exec(line);
    if (heading) {
      scope = heading[1];
      continue;
    }
    const row = /^\| (.+?) \| (.+) \|$/.exec(line);
    if (!row || row[1] === 'Keys' || row[1]!.startsWith('---')) continue;
    expect(scope, `row before any scope heading: ${line}`).toBeDefined();
    const keys = [...row[1]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
    rows.push({ scope: scope!, keys, help: row[2]!.replace(/\\\|/g, '|') });
  }
  return rows;
}

describe('README keys tables', () => {
  const rows = readmeRows();

  it('lists every binding of the keymap, with its keys and help text', () => {
    const missing = KEYMAP.filter(
      (b) => !rows.some((r) => r.scope === b.scope && r.help === b.help && sameKeys(r.keys, b.keys.map(keyLabel))),
    ).map((b) => `${b.scope}/${b.command}: ${b.keys.map(keyLabel).join(' ')} — ${b.help}`);
    expect(missing, 'bindings missing from README.md (## Keys)').toEqual([]);
  });

  it('lists nothing that is not in the keymap', () => {
    const scopes = new Set<Scope>(KEYMAP.map((b) => b.scope));
    const extra = rows
      .filter((r) => !scopes.has(r.scope as Scope) || !KEYMAP.some((b) => b.scope === r.scope && b.help === r.help && sameKeys(r.keys, b.keys.map(keyLabel))))
      .map((r) => `${r.scope}: ${r.keys.join(' ')} — ${r.help}`);
    expect(extra, 'rows in README.md (## Keys) with no matching binding').toEqual([]);
  });
});

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((k, i) => k === b[i]);
}

/**
 * DESIGN.md rule 10: every writer hands its plan to the one write pipeline
 * (src/write). No screen, command or wiring calls the client's write methods
 * or the history store's writes itself (adapters that hand the store to the
 * pipeline aside).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(f) ? [p] : [];
  });
}

describe('one write pipeline', () => {
  it('only src/write calls the gateway client\'s write methods (src/api defines them, the demo gateway answers them)', () => {
    const writes = /\.(updateProvider|createProvider|deleteProvider|updateKey|createKey|deleteKey)\(/;
    const offenders = files('src')
      .filter((f) => !/^src\/(write|api|demo-gateway)\//.test(f))
      .filter((f) => writes.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('the history store is written only by the pipeline, through the adapters that hand it over', () => {
    const offenders = files('src')
      .filter((f) => !/^src\/(write|store)\//.test(f))
      .flatMap((f) => readFileSync(f, 'utf8').split('\n').map((line, i) => ({ f, i, line })))
      .filter(({ line }) => /appendHistory|removeHistory/.test(line))
      .map(({ f }) => f);
    expect([...new Set(offenders)].sort()).toEqual(['src/app/local-services.ts', 'src/commands/write-command.ts']);
  });

  it('no re-export shims: a module is imported from where it is defined (the public faces of the demo gateway and the version table, and undici\'s types, aside)', () => {
    const offenders = files('src')
      .filter((f) => !['src/demo-gateway/index.ts', 'src/api/versions/index.ts', 'src/api/undici-core.ts'].includes(f))
      .filter((f) => /^export (type )?(\{[^}]*\}|\*) from /m.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});

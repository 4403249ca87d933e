/**
 * What the editor's start evaluates (issue 25): the list and what it draws, not
 * the other screens, the write pipeline, the subcommands or the schema and YAML
 * libraries, which load when first used. A static import added in the wrong
 * place pulls them into every start (the form's key handling did: app.tsx took
 * lineEditFor from it, and the form steps and write rules came along).
 */
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { startInputs } from '../../scripts/bundle/start-modules.mjs';
// @ts-expect-error plain ESM helper of the build script, no types
import { inkPatches, noTopLevelAwait, stringWidthPatches, stubDevtools, undiciLazyHttp2, yogaWithoutFetch } from '../../scripts/bundle/patches.mjs';

let inputs: string[] = [];

beforeAll(async () => {
  const result = await build({
    entryPoints: ['src/cli.ts'], bundle: true, platform: 'node', format: 'esm', splitting: true, outdir: 'dist/start-modules-test',
    write: false, metafile: true, logLevel: 'silent', define: { 'import.meta.url': '__bundleUrl' },
    plugins: [...inkPatches, ...stringWidthPatches, yogaWithoutFetch, undiciLazyHttp2, ...noTopLevelAwait, stubDevtools],
  });
  inputs = [...startInputs(result.metafile).inputs];
}, 60_000);

describe('the start of the editor', () => {
  it('evaluates the list screen (the proof that the build was read)', () => {
    expect(inputs).toContain('src/ui/screens/list/list-screen.tsx');
  });

  it.each([
    ['the provider form', 'src/ui/screens/form/'],
    ['the keys screen', 'src/ui/screens/keys/'],
    ['the fleet screen', 'src/ui/screens/fleet/'],
    ['the write screens (review, history, new provider, whole edit)', 'src/ui/screens/write/'],
    ['the first-run setup', 'src/ui/screens/setup/'],
    ['the write pipeline', 'src/write/'],
    ['the form steps', 'src/state/form-screen/form-screen-steps.ts'],
    ['the cross-version write rules', 'src/state/write-rules/cross-version.ts'],
    ['the fleet rules', 'src/state/fleet/'],
    ['the subcommands', 'src/commands/providers'],
    ['zod', 'node_modules/zod/'],
    ['yaml', 'node_modules/yaml/'],
    ['the profile store (conf)', 'node_modules/conf/'],
  ])('does not evaluate %s', (_what, prefix) => {
    expect(inputs.filter((input) => input.startsWith(prefix))).toEqual([]);
  });
});

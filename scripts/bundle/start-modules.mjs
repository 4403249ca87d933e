/**
 * The modules the editor's start runs: src/cli.ts and its dynamic imports on the
 * way to the list's first frame. Their chunks, and every chunk those import
 * statically, are the bundle's main script (scripts/bundle.mjs); everything else
 * is compiled when first used.
 */
export const START_MODULES = new Set(['src/cli.ts', 'src/commands/leading-options.ts', 'src/app/session.ts', 'src/ui/run-tui.tsx', 'src/ui/theme.ts']);

/**
 * The source files the start evaluates, from an esbuild metafile of the split
 * build: every input of a start module's output chunk and of the chunks they
 * import statically.
 */
export function startInputs(metafile) {
  const outputs = metafile.outputs;
  const eager = new Set();
  const pending = Object.keys(outputs).filter((file) => START_MODULES.has(outputs[file].entryPoint));
  while (pending.length > 0) {
    const file = pending.pop();
    if (eager.has(file)) continue;
    eager.add(file);
    for (const imported of outputs[file].imports) if (imported.kind === 'import-statement' && outputs[imported.path]) pending.push(imported.path);
  }
  return { chunks: eager, inputs: new Set([...eager].flatMap((file) => Object.keys(outputs[file].inputs))) };
}

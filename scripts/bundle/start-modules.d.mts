import type { Metafile } from 'esbuild';

export declare const START_MODULES: ReadonlySet<string>;
export declare function startInputs(metafile: Metafile): { chunks: Set<string>; inputs: Set<string> };

import type { HelpNode } from './help-tree.mjs';
export const MAN_PAGE: string;
/** The man page of the CLI that `exec` runs (default: node dist/cli.js), and the help tree it shows. */
export function manPageOf(exec?: string[]): Promise<{ page: string; tree: HelpNode[] }>;

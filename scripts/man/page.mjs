/** The man page as the built CLI describes itself (help-tree.mjs, roff.mjs). */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { helpTree } from './help-tree.mjs';
import { renderManPage } from './roff.mjs';

/** Where the page lives: the repository's root, and so the package's (package.json "man"). */
export const MAN_PAGE = 'bifrost-tui.1';

/** `{ page, tree }`: the page of the CLI that `exec` runs (default: node dist/cli.js), and the help tree it shows. */
export async function manPageOf(exec = [process.execPath, path.resolve('dist/cli.js')]) {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  const tree = await helpTree(exec);
  const versionLine = execFileSync(exec[0], [...exec.slice(1), '--version'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  return { page: renderManPage({ tree, versionLine, description: pkg.description }), tree };
}

/**
 * Every help text the CLI prints, found by asking the CLI itself: its
 * `--help`, then `<command> --help` for each command that help names, and so
 * on down. Nothing here knows the commands, so the man page follows whatever
 * the help says.
 *
 * A command is named in a help text either as `bifrost-tui <path> WORD`
 * (usage lines, examples; `a|b` names two) or as the first word of an
 * indented line under a `Commands:` heading. A candidate counts when
 * `bifrost-tui <path> WORD --help` exits 0 and prints a help of its own, or
 * prints its parent's help while the parent refuses a word that is no
 * command (a group with one help for all its commands); otherwise the word
 * was an argument in an example.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const MAX_DEPTH = 3;
const WORD = /^[a-z][a-z0-9-]*$/;
const NO_COMMAND = 'no-such-command-x';

/** The command words a help text names below `path` (an array of words). */
export function namedCommands(help, pathWords) {
  const found = new Set();
  const prefix = ['bifrost-tui', ...pathWords].join(' ');
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  let inCommands = false;
  for (const line of help.split('\n')) {
    if (/^\S.*:\s*$/.test(line)) inCommands = /^commands:\s*$/i.test(line);
    else if (line.trim() === '') inCommands = false;
    else if (inCommands) {
      const m = /^ {1,4}([a-z][a-z0-9|-]*)(\s|$)/.exec(line);
      if (m) for (const word of m[1].split('|')) if (WORD.test(word)) found.add(word);
    }
  }
  for (const m of help.matchAll(new RegExp(`${escaped} ([a-z][a-z0-9|-]*)`, 'g'))) {
    for (const word of m[1].split('|')) if (WORD.test(word)) found.add(word);
  }
  return [...found];
}

/**
 * `[{ path: ['providers', 'list'], help }]`, the top level first, then each
 * command in the order its parent names it. A command whose help is its
 * parent's (one help for the whole group) is listed without repeating it.
 */
export async function helpTree(exec) {
  const home = mkdtempSync(path.join(tmpdir(), 'bifrost-tui-man-'));
  // A bare environment: no profile, colour or terminal setting of the caller's can change a help text.
  const env = { PATH: process.env.PATH ?? '', HOME: home, NO_COLOR: '1', BIFROST_TUI_CODE_CACHE: '0' };
  const helpOf = async (words) => {
    try {
      const { stdout } = await run(exec[0], [...exec.slice(1), ...words, '--help'], { env, encoding: 'utf8' });
      return stdout;
    } catch {
      return undefined;
    }
  };
  try {
    const top = await helpOf([]);
    if (top === undefined) throw new Error(`${exec.join(' ')} --help failed`);
    const tree = [{ path: [], help: top }];
    const seen = new Set([top]);
    let level = [tree[0]];
    for (let depth = 1; depth <= MAX_DEPTH && level.length > 0; depth++) {
      const next = [];
      for (const parent of level) {
        const words = namedCommands(parent.help, parent.path);
        const [strict, ...helps] = await Promise.all([helpOf([...parent.path, NO_COMMAND]).then((h) => h === undefined), ...words.map((w) => helpOf([...parent.path, w]))]);
        words.forEach((w, i) => {
          const help = helps[i];
          if (help === undefined || (help === parent.help && !strict)) return;
          const node = { path: [...parent.path, w], help: seen.has(help) ? undefined : help };
          if (node.help !== undefined) seen.add(help);
          tree.push(node);
          if (node.help !== undefined) next.push(node);
        });
      }
      level = next;
    }
    return tree;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

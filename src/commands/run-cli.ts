/**
 * A command line with a command word: walks the command tree (options may
 * come before, between or after the words), refuses an unknown word with the
 * closest command, and runs the command. The app (no command word) is
 * src/cli.ts's own.
 */
import { EXIT } from '../state/exit-codes.js';
import { printable } from '../state/printable.js';
import { type ProvidersDeps } from './command-context.js';
import { UsageError } from './command-errors.js';
import { childByWord, helpText, visibleChildren } from './help.js';
import { scanToWord } from './leading-options.js';
import { ROOT } from './tree/root.js';
import type { CommandSpec } from './tree/types.js';
import type { CommandIO } from './types.js';
import { unknownCommand } from './unknown-command.js';

function usageError(io: CommandIO, err: unknown): number {
  const message = err instanceof Error ? err.message : String(err);
  const seeHelp = !(err instanceof UsageError && !err.seeHelp) && !/--help/.test(message);
  io.stderr.write(`bifrost-tui: ${printable(message)}${seeHelp ? ' (see --help)' : ''}\n`);
  return EXIT.usage;
}

/** Runs the command named by argv; returns the exit code. `deps`: test stores and clients. */
export async function runCommandLine(argv: readonly string[], io: CommandIO, deps: ProvidersDeps = {}): Promise<number> {
  let node: CommandSpec = ROOT;
  const path: string[] = [];
  const leading: string[] = [];
  let i = 0;
  try {
    for (;;) {
      const { index, options } = scanToWord(argv, i);
      for (const option of options) leading.push(option);
      if (index === undefined) {
        i = argv.length;
        break;
      }
      const word = argv[index]!;
      const child = childByWord(node, word);
      // A hidden command (`__complete`) runs by its name; it is only left out of help and suggestions.
      if (!child) {
        throw new UsageError(unknownCommand(path, word, visibleChildren(node).map((c) => c.name)), false);
      }
      node = child;
      path.push(child.name);
      i = index + 1;
      if (!child.children) break;
    }
  } catch (err) {
    return usageError(io, err);
  }
  const rest = [...leading, ...argv.slice(i)];
  if (node.children) {
    // A group without its command word: its help (asked for with -h: on stdout, exit 0).
    const asked = leading.some((t) => t === '--help' || t === '-h');
    (asked ? io.stdout : io.stderr).write(helpText(path));
    return asked ? EXIT.ok : EXIT.usage;
  }
  const [group, sub] = path;
  switch (group) {
    case 'providers': {
      const { runProvidersCommand } = await import('./providers.js');
      return runProvidersCommand([sub!, ...rest], io, deps);
    }
    case 'keys': {
      const { runKeysCommand } = await import('./keys.js');
      return runKeysCommand([sub!, ...rest], io, deps);
    }
    case 'profiles': {
      const { runProfilesCommand } = await import('./profiles.js');
      return runProfilesCommand([sub!, ...rest], io, deps);
    }
    case 'fleet': {
      const { runFleetCommand } = await import('./fleet.js');
      return runFleetCommand([sub!, ...rest], io, deps);
    }
    case 'demo-gateway': {
      const { runDemoGatewayCommand } = await import('./demo-gateway.js');
      return runDemoGatewayCommand(rest, io);
    }
    case 'version': {
      const { runVersion } = await import('./version-command.js');
      return runVersion(rest, io, deps.version ?? 'dev');
    }
    case 'completion': {
      const { runCompletion } = await import('./completion.js');
      return runCompletion(rest, io);
    }
    case '__complete': {
      const { runComplete } = await import('./completion.js');
      return runComplete(argv.slice(i), io, deps);
    }
    case 'help':
      return runHelp(argv.slice(i), io);
  }
  return usageError(io, new UsageError(`no runner for ${path.join(' ')}`));
}

/** `bifrost-tui help [COMMAND ...]`. */
function runHelp(words: readonly string[], io: CommandIO): number {
  let node: CommandSpec = ROOT;
  const path: string[] = [];
  // `help --help` (and `help providers --help`) is the help of `help`.
  if (words.some((w) => w === '--help' || w === '-h')) {
    io.stdout.write(helpText(['help']));
    return EXIT.ok;
  }
  for (const word of words) {
    if (word.startsWith('-')) continue;
    const child = childByWord(node, word);
    if (!child || child.hidden) return usageError(io, new UsageError(unknownCommand(path, word, visibleChildren(node).map((c) => c.name)), false));
    node = child;
    path.push(child.name);
  }
  io.stdout.write(helpText(path));
  return EXIT.ok;
}

/** The one message for a command word nobody knows, with the closest known one. */
import { closestWords } from '../state/cli/closest.js';
import { printable } from '../state/printable.js';

/** "unknown command 'provider': did you mean 'providers'?" (or the list of commands when nothing is close). */
export function unknownCommand(parents: readonly string[], word: string, known: readonly string[]): string {
  const at = (w: string): string => [...parents, w].join(' ');
  const near = closestWords(word, known, 1);
  const what = `unknown command '${printable(at(word))}'`;
  if (near.length > 0) return `${what}: did you mean '${at(near[0]!)}'?`;
  return `${what} (${parents.length ? `${parents.join(' ')} commands` : 'commands'}: ${known.join(', ')}; see bifrost-tui ${[...parents, '--help'].join(' ')})`;
}

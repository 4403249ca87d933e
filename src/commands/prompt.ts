/** Interactive yes/no prompts for subcommands (stderr, so stdout stays data). */
import { createInterface } from 'node:readline';
import { printable } from '../state/printable.js';
import type { CommandIO } from './types.js';

/** Asks a yes/no question on the terminal; only "y"/"yes" count. */
export async function confirm(io: CommandIO, question: string): Promise<boolean> {
  const rl = createInterface({ input: io.stdin, output: io.stderr, terminal: false });
  io.stderr.write(`${printable(question)} [y/N] `);
  try {
    const answer = await new Promise<string>((resolve) => {
      rl.once('line', resolve);
      rl.once('close', () => resolve(''));
    });
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

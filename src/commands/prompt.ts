/** Interactive yes/no prompts for subcommands (stderr, so stdout stays data). */
import { createInterface } from 'node:readline';
import { printable } from '../state/printable.js';
import { isYes, yesNoQuestion } from '../state/yes-no.js';
import type { CommandIO } from './types.js';

/** Asks a yes/no question on the terminal, as the app does (state/yes-no.ts): only "y"/"yes" count. */
export async function confirm(io: CommandIO, question: string): Promise<boolean> {
  const rl = createInterface({ input: io.stdin, output: io.stderr, terminal: false });
  io.stderr.write(`${printable(yesNoQuestion(question))} `);
  try {
    const answer = await new Promise<string>((resolve) => {
      rl.once('line', resolve);
      rl.once('close', () => resolve(''));
    });
    return isYes(answer);
  } finally {
    rl.close();
  }
}

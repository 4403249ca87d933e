/**
 * The one yes/no convention of the app and the subcommands: a question ends
 * in `[y/N]`, only `y` (at the shell also `yes`, any case) is yes, and
 * anything else is no, Enter included. Destructive actions ask this way, so
 * Enter never confirms them.
 */

/** What a yes/no question ends with: the answers, the default (no) in capitals. */
export const YES_NO = '[y/N]';

/** The question as asked everywhere: `Delete key "a"? [y/N]`. */
export function yesNoQuestion(question: string): string {
  return `${question} ${YES_NO}`;
}

/** Is a typed answer (a line at the shell, a key in the app) a yes? */
export function isYes(answer: string): boolean {
  return /^y(es)?$/i.test(answer.trim());
}

/** Command lines the CLI prints (undo, "see …") quoted so that a POSIX shell runs them as printed. */

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** One word for sh/bash/zsh: as it is when it has nothing special, else in single quotes ('\'' for a quote). */
export function shellQuote(word: string): string {
  if (word !== '' && SAFE.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Words joined into one command line, each quoted as needed. */
export function shellLine(words: readonly string[]): string {
  return words.map(shellQuote).join(' ');
}

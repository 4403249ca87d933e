/** The one error type of `src/store`: always names the file and the problem in one line. */

/** What kind of problem: lets commands map it to an exit code. */
export type StoreErrorCode = 'corrupt' | 'io' | 'invalid' | 'not-found';

export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    /** The file or directory the problem is about. */
    readonly path: string,
    /** What is wrong, without the path (e.g. "invalid JSON: Unexpected token"). */
    readonly problem: string,
    readonly code: StoreErrorCode = 'io',
    options?: { cause?: unknown },
  ) {
    super(`${path}: ${problem}`, options);
  }
}

/** First line of an error's message (Node/ajv messages can be multi-line). */
export function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return (text.split('\n')[0] ?? text).trim();
}

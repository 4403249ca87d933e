/** The errors every command group throws, and the one mapping from any failure to an exit code (README "Exit codes"). */
import { ApiError, errorMessage } from '../api/api-error.js';
import { SecretError } from '../connection/secret-source.js';
import { TargetError } from '../connection/target.js';
import { EXIT } from '../state/exit-codes.js';
import { StoreError } from '../store/store-error.js';

/** A failure with its exit code; the message is one line. */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

/** A command-line mistake: exit 2. */
export class UsageError extends CommandError {
  /** `seeHelp`: end the line with "(see --help)" (not when the message says what to type instead). */
  constructor(
    message: string,
    readonly seeHelp = true,
  ) {
    super(message, EXIT.usage);
  }
}

/** Exit code and one-line message for anything a command threw. */
export function exitFor(err: unknown): { code: number; message: string } {
  if (err instanceof CommandError) return { code: err.code, message: err.message };
  if (err instanceof TargetError) return { code: err.code, message: err.message };
  if (err instanceof ApiError) {
    if (err.kind === 'invalid') return { code: EXIT.usage, message: err.message };
    // A write this client cannot make safely, a URL that is not Bifrost, a route the gateway's version lacks.
    if (err.kind === 'unsupported' || err.kind === 'not-bifrost' || err.kind === 'absent') return { code: EXIT.gateway, message: err.message };
    if (err.isAuth) return { code: EXIT.auth, message: err.message };
    if (err.isNotFound) return { code: EXIT.notFound, message: err.message };
    // The gateway's 400 is a validation failure, the same class as our own checks.
    if (err.status === 400) return { code: EXIT.validation, message: `the gateway refused the change: ${err.message}` };
    return { code: EXIT.gateway, message: err.message };
  }
  if (err instanceof StoreError) {
    // A broken config is a validation failure (the file is left as it is); a missing entry is not-found.
    const code = err.code === 'not-found' ? EXIT.notFound : err.code === 'io' ? EXIT.changes : EXIT.validation;
    return { code, message: err.message };
  }
  if (err instanceof SecretError) return { code: EXIT.auth, message: err.message };
  return { code: EXIT.changes, message: errorMessage(err) };
}


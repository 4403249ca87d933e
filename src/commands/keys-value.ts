/** Where `keys add|rotate` read a key's value from: never argv, never printed. */
import { LOCAL_LIMITS, LocalFileError, readStreamCapped } from '../api/local-file.js';
import { isReferenceText } from '../state/provider/env-var.js';
import { type Ctx } from './command-context.js';
import { UsageError } from './command-errors.js';

/** All of stdin, at most LOCAL_LIMITS.secret bytes (a key is far smaller; /dev/zero is not a key). */
export async function readSecretStream(stream: NodeJS.ReadableStream, flag: string): Promise<string> {
  try {
    return await readStreamCapped(stream, LOCAL_LIMITS.secret, 'stdin');
  } catch (err) {
    if (err instanceof LocalFileError) throw new UsageError(`${flag}: ${err.message}; a key is one short line`);
    throw err;
  }
}

/**
 * The new value from exactly one of `--value-stdin` (the text on stdin, one
 * trailing newline dropped), `--value-env NAME` (this process's environment
 * variable NAME) or `--value-ref env.NAME|vault.path` (a reference the
 * gateway resolves). The literal is added to the strings scrubbed from output.
 */
export async function readKeyValue(ctx: Ctx): Promise<string> {
  const env = ctx.str('value-env');
  const ref = ctx.str('value-ref');
  const stdin = ctx.flag('value-stdin');
  const given = [stdin, env !== undefined, ref !== undefined].filter(Boolean).length;
  if (given !== 1) throw new UsageError('give the key value with exactly one of --value-stdin, --value-env NAME or --value-ref env.NAME (values are never taken as arguments)');
  if (ref !== undefined) {
    if (!isReferenceText(ref)) throw new UsageError(`--value-ref takes env.NAME or vault.path, got "${ref.slice(0, 40)}"; a literal value goes through --value-stdin or --value-env`);
    return ref.trim();
  }
  let value: string;
  if (env !== undefined) {
    value = ctx.io.env[env] ?? '';
    if (value === '') throw new UsageError(`environment variable ${env} is not set or empty`);
  } else {
    ctx.stdinUsed = true;
    value = (await readSecretStream(ctx.io.stdin, '--value-stdin')).replace(/\r?\n$/, '');
    if (value === '') throw new UsageError('--value-stdin: stdin was empty');
  }
  ctx.secrets.push(value);
  return value;
}

/**
 * Reading local files and streams with a size cap and a type check, so a
 * path to /dev/zero, a FIFO or a huge file can neither fill memory nor hang
 * the process where a signal cannot reach it. In the bottom room so every
 * room (the client's CA file included) reads through it.
 *
 * - A regular file is read synchronously, at most `maxBytes` (+1 to notice
 *   more): bounded work, so ^C and SIGTERM are served right after.
 * - A FIFO or pipe (`-f <(jq …)`) is read asynchronously when the caller
 *   allows streams, with the same cap; the event loop stays free meanwhile.
 * - Anything else (a device such as /dev/zero, a directory, a socket) is
 *   refused with one line saying what it is.
 */
import fs from 'node:fs';
import { formatBytes } from './read-body.js';

/** Caps for each kind of local input (README "Safety guarantees"). */
export const LOCAL_LIMITS = {
  /** A provider document: `apply -f`, `diff -f`, a file of `-f DIR`, stdin. */
  document: 16 * 1024 * 1024,
  /** The profile config (config.json). */
  config: 4 * 1024 * 1024,
  /** A draft, a history entry or a sync record in the state directory. */
  state: 16 * 1024 * 1024,
  /** A PEM file: a CA file, a PEM field loaded from a path or $EDITOR. */
  pem: 1024 * 1024,
  /** A secret read from stdin (`--value-stdin`, `--api-key-stdin`). */
  secret: 64 * 1024,
} as const;

export type LocalFileProblem = 'missing' | 'not-regular' | 'too-large' | 'io';

/** One line naming the file and what is wrong with it. */
export class LocalFileError extends Error {
  override readonly name = 'LocalFileError';
  constructor(
    readonly file: string,
    readonly problem: LocalFileProblem,
    /** Without the file name: "not a regular file (a character device)". */
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`${file}: ${reason}`, options);
  }
}

function kindOf(st: fs.Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  return 'not a file';
}

function tooLarge(file: string, maxBytes: number): LocalFileError {
  return new LocalFileError(file, 'too-large', `larger than ${formatBytes(maxBytes)}`);
}

function openError(file: string, err: unknown): LocalFileError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new LocalFileError(file, 'missing', 'no such file', { cause: err });
  return new LocalFileError(file, 'io', `cannot read (${code ?? (err as Error).message})`, { cause: err });
}

/** Reads an open regular file up to `maxBytes`; more than that is an error. */
function readCapped(fd: number, file: string, maxBytes: number): Buffer {
  const buf = Buffer.alloc(Math.min(maxBytes + 1, Math.max(fs.fstatSync(fd).size + 1, 64 * 1024)));
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const n = fs.readSync(fd, buf, 0, buf.length, null);
    if (n === 0) break;
    total += n;
    if (total > maxBytes) throw tooLarge(file, maxBytes);
    chunks.push(Buffer.from(buf.subarray(0, n)));
  }
  return Buffer.concat(chunks);
}

/**
 * The bytes of a regular file (symlinks followed), at most `maxBytes`;
 * undefined when it does not exist and `missingOk`. Anything that is not a
 * regular file is refused without reading from it (opening never blocks: a
 * FIFO is opened non-blocking and refused).
 */
export function readRegularFileSync(file: string, maxBytes: number, opts: { missingOk?: boolean } = {}): Buffer | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | fs.constants.O_NOCTTY);
  } catch (err) {
    if (opts.missingOk && (err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw openError(file, err);
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw new LocalFileError(file, 'not-regular', `not a regular file (${kindOf(st)})`);
    if (st.size > maxBytes) throw tooLarge(file, maxBytes);
    return readCapped(fd, file, maxBytes);
  } catch (err) {
    if (err instanceof LocalFileError) throw err;
    throw openError(file, err);
  } finally {
    fs.closeSync(fd);
  }
}

/** readRegularFileSync as UTF-8 text. */
export function readTextFileSync(file: string, maxBytes: number): string {
  return readRegularFileSync(file, maxBytes)!.toString('utf8');
}

/** A stream (stdin, a FIFO) as UTF-8 text, at most `maxBytes`; past that the stream is destroyed and `what` named. */
export async function readStreamCapped(stream: NodeJS.ReadableStream, maxBytes: number, what: string): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array);
    total += buf.length;
    if (total > maxBytes) {
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      throw tooLarge(what, maxBytes);
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A local file as text: a regular file as readTextFileSync; a FIFO or pipe
 * (process substitution, `/dev/stdin` on a pipe) read as a capped stream
 * without blocking the event loop; anything else refused.
 */
export async function readLocalText(file: string, maxBytes: number): Promise<string> {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (err) {
    throw openError(file, err);
  }
  if (st.isFIFO() || st.isSocket()) {
    const stream = fs.createReadStream(file);
    try {
      return await readStreamCapped(stream, maxBytes, file);
    } catch (err) {
      if (err instanceof LocalFileError) throw err;
      throw openError(file, err);
    } finally {
      stream.destroy();
    }
  }
  return readTextFileSync(file, maxBytes);
}

/**
 * The terminal went away (SSH dropped, the terminal window closed, tmux
 * killed the pane). In what order it shows varies: stdin usually reaches
 * end-of-file before SIGHUP arrives, and a write in between fails with EIO.
 * Each of these is taken as the hangup, once.
 */
import fs from 'node:fs';

/** EIO/EPIPE/ECONNRESET: the terminal behind this stream is gone. */
export function isTerminalGone(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EIO' || code === 'EPIPE' || code === 'ECONNRESET' || code === 'ENXIO';
}

/** Calls `onHangup` once on stdin EOF/error, an EIO/EPIPE on stdout, or SIGHUP. Returns the unsubscribe. */
export function watchForHangup(stdin: NodeJS.ReadStream, stdout: NodeJS.WriteStream, onHangup: () => void): () => void {
  let fired = false;
  const fire = (): void => {
    if (fired) return;
    fired = true;
    onHangup();
  };
  const onWriteError = (err: unknown): void => {
    if (isTerminalGone(err)) fire();
  };
  stdin.on('end', fire);
  stdin.on('error', fire);
  stdout.on('error', onWriteError);
  // Ahead of Ink's exit handler, which would unmount the screens (and their draft hooks) and draw on the dead terminal.
  process.prependListener('SIGHUP', fire);
  return () => {
    stdin.off('end', fire);
    stdin.off('error', fire);
    stdout.off('error', onWriteError);
    process.off('SIGHUP', fire);
  };
}

/**
 * Exits without touching the terminal. Node restores the terminal modes of
 * stdin/stdout/stderr at exit and aborts when that fails (the `ResetStdio`
 * assertion on a hung-up tty); it skips a descriptor that is closed, so close
 * them first. Call only after everything worth keeping is written.
 */
export function exitWithoutTerminal(code: number): never {
  for (const fd of [0, 1, 2]) {
    try {
      fs.closeSync(fd);
    } catch {
      // Already closed.
    }
  }
  process.exit(code);
}

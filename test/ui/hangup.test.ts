/** Each way a terminal hangup shows is taken as the hangup, once (the real pty case: test/e2e/terminal-hangup.test.ts). */
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { watchForHangup } from '../../src/ui/hangup.js';

let stop: (() => void) | undefined;
afterEach(() => stop?.());

function watch() {
  const stdin = new PassThrough() as unknown as NodeJS.ReadStream;
  const stdout = new PassThrough() as unknown as NodeJS.WriteStream;
  let calls = 0;
  stop = watchForHangup(stdin, stdout, () => void calls++);
  return { stdin, stdout, calls: () => calls };
}
const errno = (code: string) => Object.assign(new Error(code), { code });

describe('hangup watch', () => {
  it('stdin at end-of-file, before any SIGHUP', async () => {
    const w = watch();
    w.stdin.resume();
    (w.stdin as unknown as PassThrough).end();
    await new Promise((r) => setImmediate(r));
    expect(w.calls()).toBe(1);
  });

  it('EIO or EPIPE on stdout, then SIGHUP: once', () => {
    const w = watch();
    w.stdout.emit('error', errno('EIO'));
    w.stdout.emit('error', errno('EPIPE'));
    process.emit('SIGHUP', 'SIGHUP');
    expect(w.calls()).toBe(1);
  });

  it('SIGHUP alone', () => {
    const w = watch();
    process.emit('SIGHUP', 'SIGHUP');
    expect(w.calls()).toBe(1);
  });

  it('another write error is not a hangup', () => {
    const w = watch();
    w.stdout.emit('error', errno('ENOSPC'));
    expect(w.calls()).toBe(0);
  });
});

/**
 * Issue 22: one yes/no convention across the app and the subcommands. The same answers count (only y,
 * at the shell also yes, any case; Enter is no) and the question is said the same way ("… [y/N]").
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { confirm } from '../../src/commands/prompt.js';
import { decodeKey } from '../../src/state/input/decode-key.js';
import { commandFor, KEYMAP } from '../../src/ui/keymap.js';

/** What the subcommands' prompt prints and answers for a typed line. */
async function atTheShell(line: string): Promise<{ asked: string; yes: boolean }> {
  const stdin = new PassThrough();
  const stderr = new PassThrough();
  let asked = '';
  stderr.on('data', (c: Buffer) => void (asked += c.toString()));
  const answer = confirm({ stdin, stderr, stdout: new PassThrough(), env: {}, isTTY: true }, 'Delete profile "prod"?');
  stdin.write(`${line}\n`);
  return { asked, yes: await answer };
}

/** What the app does with one key at a yes/no question. */
const inTheApp = (raw: string): string | undefined => commandFor(['confirm'], ...decodeKey(raw));

describe('yes/no: the app and the subcommands', () => {
  it('ask the same way: the question, then [y/N]', async () => {
    expect((await atTheShell('n')).asked).toBe('Delete profile "prod"? [y/N] ');
    const hints = KEYMAP.filter((b) => b.scope === 'confirm').map((b) => b.keys[0]);
    expect(hints).toEqual(['y', 'n']);
  });

  it('y and Y are yes in both', async () => {
    for (const y of ['y', 'Y']) {
      expect((await atTheShell(y)).yes).toBe(true);
      expect(inTheApp(y)).toBe('yes');
    }
    expect((await atTheShell('yes')).yes).toBe(true);
  });

  it('n, N and Enter (the default) are no in both; Esc too in the app', async () => {
    for (const [line, raw] of [['n', 'n'], ['N', 'N'], ['', '\r']] as const) {
      expect((await atTheShell(line)).yes).toBe(false);
      expect(inTheApp(raw)).toBe('no');
    }
    expect(inTheApp('\x1b')).toBe('no');
  });
});

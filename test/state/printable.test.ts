import { describe, expect, it } from 'vitest';
import { printable, printableLines } from '../../src/state/printable.js';

describe('printable', () => {
  it('shows ESC, BEL, backspace, DEL and C1 controls visibly and keeps other text', () => {
    expect(printable('a\x1b]0;PWNED\x07b')).toBe('a^[]0;PWNED^Gb');
    expect(printable('\x1b[2Jx\bq\x7f\u009b31m')).toBe('^[[2Jx^Hq^?\\x9b31m');
    expect(printable('line\nnext\tz\r')).toBe('line^Jnext^Iz^M');
    expect(printable('café – ü ✔')).toBe('café – ü ✔');
  });
  it('printableLines keeps line breaks only', () => {
    expect(printableLines('a\x1b[31m\nb\r\n')).toBe('a^[[31m\nb^M\n');
  });
});

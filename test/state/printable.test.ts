import { describe, expect, it } from 'vitest';
import { printable, printableLines } from '../../src/state/printable.js';

describe('printable', () => {
  it('shows ESC, BEL, backspace, DEL and C1 controls visibly and keeps other text', () => {
    expect(printable('a\x1b]0;PWNED\x07b')).toBe('a^[]0;PWNED^Gb');
    expect(printable('\x1b[2Jx\bq\x7f\u009b31m')).toBe('^[[2Jx^Hq^?\\x9b31m');
    expect(printable('line\nnext\tz\r')).toBe('line^Jnext^Iz^M');
    expect(printable('café – ü ✔')).toBe('café – ü ✔');
  });
  it('shows bidi overrides and invisible characters, which reorder or hide what a line says', () => {
    // A provider name that reads "openai" on screen but is "ia\u202enepo" (Trojan Source style).
    expect(printable('ia\u202enepo')).toBe('ia\\u202enepo');
    expect(printable('a\u2066b\u2069c\u200fd\u061ce')).toBe('a\\u2066b\\u2069c\\u200fd\\u061ce');
    expect(printable('zero\u200bwidth\u2060x\ufeff')).toBe('zero\\u200bwidth\\u2060x\\ufeff');
    // Joiners shape scripts and emoji: kept.
    expect(printable('می\u200cخواهم 👩\u200d💻')).toBe('می\u200cخواهم 👩\u200d💻');
    expect(printableLines('x\u202ey\nz')).toBe('x\\u202ey\nz');
  });
  it('printableLines keeps line breaks only', () => {
    expect(printableLines('a\x1b[31m\nb\r\n')).toBe('a^[[31m\nb^M\n');
  });
});

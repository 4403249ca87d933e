/** How terminal reads become keystrokes and pastes. */
import { describe, expect, it } from 'vitest';
import { decodeKey } from '../../../src/state/input/decode-key.js';
import { createKeyReader, type InputToken } from '../../../src/state/input/key-reader.js';

const read = (chunks: string[], isAltKey?: (ch: string) => boolean): InputToken[] => {
  const reader = createKeyReader({ isAltKey });
  return chunks.flatMap((c) => reader.push(c));
};

describe('key reader', () => {
  it('a burst without paste markers is keystrokes, Enter included', () => {
    expect(read(['\r\x155\r\x13'])).toEqual([
      { kind: 'key', seq: '\r' }, { kind: 'key', seq: '\x15' }, { kind: 'text', text: '5' }, { kind: 'key', seq: '\r' }, { kind: 'key', seq: '\x13' },
    ]);
  });

  it('only text between bracketed-paste markers is a paste; its line breaks stay text', () => {
    expect(read(['x\x1b[200~a\r\nb\x1b[201~\r'])).toEqual([
      { kind: 'text', text: 'x' }, { kind: 'paste', text: 'a\r\nb' }, { kind: 'key', seq: '\r' },
    ]);
  });

  it('a paste split over reads, markers included, is one paste', () => {
    expect(read(['\x1b[20', '0~one\r', 'two\x1b[2', '01~j'])).toEqual([{ kind: 'paste', text: 'one\rtwo' }, { kind: 'text', text: 'j' }]);
  });

  it('a paste whose end never comes is delivered at the cap', () => {
    const reader = createKeyReader({ maxPaste: 4 });
    expect(reader.push('\x1b[200~ab')).toEqual([]);
    expect(reader.push('cdef')).toEqual([{ kind: 'paste', text: 'abcdef' }]);
  });

  it('ESC then a character that makes no sequence is Esc, then that key', () => {
    expect(read(['\x1bq'])).toEqual([{ kind: 'key', seq: '\x1b' }, { kind: 'text', text: 'q' }]);
    expect(read(['\x1b\x13'])).toEqual([{ kind: 'key', seq: '\x1b' }, { kind: 'key', seq: '\x13' }]);
    expect(read(['\x1b\x1b'])).toEqual([{ kind: 'key', seq: '\x1b' }, { kind: 'key', seq: '\x1b' }]);
  });

  it('ESC x is Alt+x when an Alt binding claims x', () => {
    const alt = (ch: string) => ch === 'x';
    expect(read(['\x1bx'], alt)).toEqual([{ kind: 'key', seq: '\x1bx' }]);
    expect(decodeKey('\x1bx')).toEqual(['x', expect.objectContaining({ meta: true, escape: false })]);
    expect(read(['\x1bq'], alt)).toEqual([{ kind: 'key', seq: '\x1b' }, { kind: 'text', text: 'q' }]);
  });

  it('escape sequences stay whole and decode to the key', () => {
    const tokens = read(['\x1b[A\x1bOB\x1b[5~\x1b[3~\x1b[Z\x1b[1;5C\x1b[15~']);
    const keys = tokens.map((t) => (t.kind === 'key' ? decodeKey(t.seq) : undefined));
    expect(keys.map((k) => k && Object.entries(k[1]).filter(([, v]) => v).map(([n]) => n).join('+'))).toEqual([
      'upArrow', 'downArrow', 'pageUp', 'delete', 'shift+tab', 'rightArrow+ctrl', '',
    ]);
  });

  it('Backspace (DEL) decodes as backspace, not as forward delete', () => {
    expect(decodeKey('\x7f')[1].backspace).toBe(true);
    expect(decodeKey('\x7f')[1].delete).toBe(false);
  });
});

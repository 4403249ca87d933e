import { describe, expect, it } from 'vitest';
import { editLine, lineEditor, visibleSlice, type LineEdit, type LineEditor } from '../../../src/state/editors/line-editor.js';

const run = (ed: LineEditor, ...ops: LineEdit[]): LineEditor => ops.reduce(editLine, ed);
const ins = (text: string): LineEdit => ({ type: 'insert', text });

describe('line editor', () => {
  it('starts with the cursor after the text and inserts at the cursor', () => {
    const ed = lineEditor('http://proxy:3128');
    expect(ed.cursor).toBe(17);
    const mid = run(ed, { type: 'home' }, { type: 'right' }, { type: 'right' }, { type: 'right' }, { type: 'right' }, ins('s'));
    expect(mid).toEqual({ text: 'https://proxy:3128', cursor: 5 });
  });

  it('a paste with line breaks stays one line: CRLF, CR and LF each become one space; control characters are dropped', () => {
    const ed = run(lineEditor('a'), ins('b\r\nc\rd\ne\x00f\x1b[g\x7f'));
    expect(ed.text).toBe('ab c d ef[g');
    expect(ed.cursor).toBe(Array.from(ed.text).length);
  });

  it('a paste in the middle keeps what follows the cursor', () => {
    const ed = run(lineEditor('X-Org: '), { type: 'home' }, ins('pasted\n'));
    expect(ed).toEqual({ text: 'pasted X-Org: ', cursor: 7 });
  });

  it('backspace and delete at the edges do nothing; in the middle they remove one character', () => {
    const start = lineEditor('abc');
    expect(run(start, { type: 'delete' })).toEqual(start);
    expect(run(start, { type: 'home' }, { type: 'backspace' })).toEqual({ text: 'abc', cursor: 0 });
    expect(run(start, { type: 'left' }, { type: 'backspace' })).toEqual({ text: 'ac', cursor: 1 });
    expect(run(start, { type: 'left' }, { type: 'left' }, { type: 'delete' })).toEqual({ text: 'ac', cursor: 1 });
  });

  it('cursor moves are clamped to the text', () => {
    const ed = lineEditor('ab');
    expect(run(ed, { type: 'right' }, { type: 'right' }).cursor).toBe(2);
    expect(run(ed, { type: 'left' }, { type: 'left' }, { type: 'left' }, { type: 'left' }).cursor).toBe(0);
    expect(run(ed, { type: 'home' }).cursor).toBe(0);
    expect(run(ed, { type: 'home' }, { type: 'end' }).cursor).toBe(2);
  });

  it('Ctrl+U clears before the cursor, Ctrl+W deletes the previous word and the spaces before the cursor', () => {
    const ed = run(lineEditor('one two  three'), { type: 'left' }, { type: 'left' });
    expect(run(ed, { type: 'clear-before' })).toEqual({ text: 'ee', cursor: 0 });
    expect(run(ed, { type: 'delete-word' })).toEqual({ text: 'one two  ee', cursor: 9 });
    const atEnd = lineEditor('one two  ');
    expect(run(atEnd, { type: 'delete-word' })).toEqual({ text: 'one ', cursor: 4 });
    expect(run(lineEditor(''), { type: 'delete-word' })).toEqual({ text: '', cursor: 0 });
  });

  it('a single emoji and non-Latin letters move and delete as one character each', () => {
    const ed = lineEditor('🔑ключ');
    expect(ed.cursor).toBe(5);
    const afterEmoji = run(ed, { type: 'home' }, { type: 'right' });
    expect(afterEmoji.cursor).toBe(1);
    expect(run(afterEmoji, { type: 'backspace' })).toEqual({ text: 'ключ', cursor: 0 });
    expect(run(afterEmoji, { type: 'delete' })).toEqual({ text: '🔑люч', cursor: 1 });
    expect(run(afterEmoji, ins('é'))).toEqual({ text: '🔑éключ', cursor: 2 });
  });

  it('moves and deletes by grapheme: an emoji ZWJ sequence, a flag and a letter with a combining accent are one step each', () => {
    const dev = '👩\u200d💻'; // woman technologist: three code points, one character
    const flag = '🇩🇪'; // two regional indicators
    const accented = 'e\u0301'; // e + combining acute
    const ed = lineEditor(`a${dev}${flag}${accented}z`);
    expect(ed.cursor).toBe(5);
    const beforeZ = run(ed, { type: 'left' });
    expect(run(beforeZ, { type: 'backspace' })).toEqual({ text: `a${dev}${flag}z`, cursor: 3 });
    const afterDev = run(ed, { type: 'home' }, { type: 'right' }, { type: 'right' });
    expect(afterDev.cursor).toBe(2);
    expect(run(afterDev, { type: 'backspace' })).toEqual({ text: `a${flag}${accented}z`, cursor: 1 });
    expect(run(afterDev, { type: 'delete' })).toEqual({ text: `a${dev}${accented}z`, cursor: 2 });
    expect(run(afterDev, { type: 'left' }, { type: 'delete' }).text).toBe(`a${flag}${accented}z`);
    // Typing a ZWJ and a second emoji after an emoji joins them into one character.
    expect(run(lineEditor('👩'), ins('\u200d💻'))).toEqual({ text: dev, cursor: 1 });
    expect(run(lineEditor(`x ${dev}`), { type: 'delete-word' })).toEqual({ text: 'x ', cursor: 2 });
  });

  it('an out-of-range cursor (e.g. from an old draft) is clamped before editing', () => {
    expect(editLine({ text: 'abc', cursor: 99 }, ins('d'))).toEqual({ text: 'abcd', cursor: 4 });
    expect(editLine({ text: 'abc', cursor: -3 }, ins('z'))).toEqual({ text: 'zabc', cursor: 1 });
  });

  it('the visible slice of a long line always contains the cursor and fits the width', () => {
    const text = Array.from({ length: 80 }, (_, i) => String.fromCharCode(97 + (i % 26))).join('');
    for (const cursor of [0, 1, 30, 79, 80]) {
      for (const width of [4, 10, 25]) {
        const s = visibleSlice({ text, cursor }, width);
        const shown = Array.from(s.before).length + 1 + Array.from(s.after).length;
        expect(shown).toBeLessThanOrEqual(width);
        expect(s.at).toBe(text[cursor] ?? ' ');
        expect(text.slice(0, cursor).endsWith(s.before)).toBe(true);
        expect(text.slice(cursor + 1).startsWith(s.after)).toBe(true);
      }
    }
    expect(visibleSlice(lineEditor('short'), 20)).toEqual({ before: 'short', at: ' ', after: '' });
  });
});

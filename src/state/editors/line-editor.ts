/**
 * A pure single-line text editor (text + cursor). Kept in state rather than a
 * widget with its own key subscription, so every key goes through the one
 * key router and a paste arrives whole.
 *
 * The cursor moves and deletes by grapheme (what a reader sees as one
 * character): an emoji ZWJ sequence (👩‍💻), a flag, a letter with combining
 * accents are each one step, never split into invisible halves.
 */

export interface LineEditor {
  readonly text: string;
  /** Cursor position in graphemes, 0..graphemes(text).length. */
  readonly cursor: number;
}

const SEGMENTER = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The text as graphemes (user-perceived characters). */
export function graphemes(text: string): string[] {
  const out: string[] = [];
  for (const { segment } of SEGMENTER.segment(text)) out.push(segment);
  return out;
}

export type LineEdit =
  | { type: 'insert'; text: string }
  | { type: 'backspace' }
  | { type: 'delete' }
  | { type: 'left' }
  | { type: 'right' }
  | { type: 'home' }
  | { type: 'end' }
  | { type: 'clear-before' }
  | { type: 'delete-word' };

export function lineEditor(text: string): LineEditor {
  return { text, cursor: graphemes(text).length };
}

export function editLine(ed: LineEditor, op: LineEdit): LineEditor {
  const chars = graphemes(ed.text);
  const c = Math.min(Math.max(0, ed.cursor), chars.length);
  switch (op.type) {
    case 'insert': {
      // One line: pasted newlines become spaces, other control characters are dropped.
      const ins = op.text.replace(/\r\n|\r|\n/g, ' ').replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '');
      // Counted after joining: a typed ZWJ or accent can join the grapheme before it.
      const left = chars.slice(0, c).join('') + ins;
      return { text: left + chars.slice(c).join(''), cursor: graphemes(left).length };
    }
    case 'backspace':
      return c === 0 ? ed : { text: [...chars.slice(0, c - 1), ...chars.slice(c)].join(''), cursor: c - 1 };
    case 'delete':
      return c >= chars.length ? ed : { text: [...chars.slice(0, c), ...chars.slice(c + 1)].join(''), cursor: c };
    case 'left':
      return { ...ed, cursor: Math.max(0, c - 1) };
    case 'right':
      return { ...ed, cursor: Math.min(chars.length, c + 1) };
    case 'home':
      return { ...ed, cursor: 0 };
    case 'end':
      return { ...ed, cursor: chars.length };
    case 'clear-before':
      return { text: chars.slice(c).join(''), cursor: 0 };
    case 'delete-word': {
      let i = c;
      while (i > 0 && chars[i - 1] === ' ') i--;
      while (i > 0 && chars[i - 1] !== ' ') i--;
      return { text: [...chars.slice(0, i), ...chars.slice(c)].join(''), cursor: i };
    }
  }
}

/** The visible slice of a long line around the cursor, for a field `width` columns wide. */
export function visibleSlice(ed: LineEditor, width: number): { before: string; at: string; after: string } {
  const chars = graphemes(ed.text);
  const w = Math.max(4, width);
  const start = Math.max(0, Math.min(ed.cursor - Math.floor(w * 0.7), chars.length - w + 1));
  const end = start + w - 1;
  return {
    before: chars.slice(start, ed.cursor).join(''),
    at: chars[ed.cursor] ?? ' ',
    after: chars.slice(ed.cursor + 1, end).join(''),
  };
}

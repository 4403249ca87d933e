/**
 * Splits what the terminal sent into keystrokes and pastes.
 *
 * Over SSH several keys often arrive in one read ("5\r\x13": 5, Enter,
 * Ctrl+S). Only text between bracketed-paste markers (`ESC[200~` ...
 * `ESC[201~`, sent when the app enabled mode 2004) is a paste; everything
 * else is keystrokes, Enter included, however many arrive together. A lone
 * ESC followed by a character that makes no known sequence is Esc then that
 * key, the way vim and readline read it, unless an Alt binding claims the pair.
 */

export const PASTE_START = '\x1b[200~';
export const PASTE_END = '\x1b[201~';

/** A keystroke (decode it with `decodeKey`), a run of printable characters, or a bracketed paste. */
export type InputToken =
  | { kind: 'key'; seq: string }
  | { kind: 'text'; text: string }
  | { kind: 'paste'; text: string };

export interface KeyReaderOptions {
  /** Does an Alt binding exist for this character? Then `ESC x` is Alt+x rather than Esc, x. */
  isAltKey?: (ch: string) => boolean;
  /** A paste whose end marker never comes is delivered once it holds this many characters. */
  maxPaste?: number;
}

export interface KeyReader {
  /** Feeds the next chunk of terminal input; returns the tokens it completes, in order. */
  push(chunk: string): InputToken[];
}

// CSI (ESC [ params intermediates final), legacy ESC [ [ x, SS3 (ESC O x); an extra ESC in front is Alt.
const SEQUENCE = /^\x1b?\x1b(?:\[\[?[0-9;:<=>?]*[ -/]*[@-~]|O[@-~])/;
const INCOMPLETE_SEQUENCE = /^\x1b?\x1b(?:\[\[?[0-9;:<=>?]*[ -/]*|O)$/;
const PRINTABLE_RUN = /^[^\x00-\x1f\x7f]+/;

export function createKeyReader(opts: KeyReaderOptions = {}): KeyReader {
  const isAltKey = opts.isAltKey ?? (() => false);
  const maxPaste = opts.maxPaste ?? 1 << 20;
  let carry = '';
  let paste: string | undefined;

  return {
    push(chunk) {
      const out: InputToken[] = [];
      let rest = carry + chunk;
      carry = '';
      while (rest.length > 0) {
        if (paste !== undefined) {
          const buffered = paste + rest;
          const end = buffered.indexOf(PASTE_END);
          if (end < 0 && buffered.length < maxPaste) {
            paste = buffered;
            break;
          }
          const cut = end < 0 ? buffered.length : end;
          out.push({ kind: 'paste', text: buffered.slice(0, cut) });
          paste = undefined;
          rest = end < 0 ? '' : buffered.slice(end + PASTE_END.length);
          continue;
        }
        if (rest.startsWith(PASTE_START)) {
          paste = '';
          rest = rest.slice(PASTE_START.length);
          continue;
        }
        const seq = SEQUENCE.exec(rest)?.[0];
        if (seq) {
          // A stray end marker (its start was lost) is nothing to act on.
          if (seq !== PASTE_END) out.push({ kind: 'key', seq });
          rest = rest.slice(seq.length);
          continue;
        }
        if (INCOMPLETE_SEQUENCE.test(rest) && rest.length > 1) {
          carry = rest; // the rest of the sequence is in the next read
          break;
        }
        if (rest[0] === '\x1b') {
          const next = Array.from(rest.slice(1))[0];
          if (next !== undefined && next !== '\x1b' && isAltKey(next)) {
            out.push({ kind: 'key', seq: '\x1b' + next });
            rest = rest.slice(1 + next.length);
          } else {
            out.push({ kind: 'key', seq: '\x1b' });
            rest = rest.slice(1);
          }
          continue;
        }
        const run = PRINTABLE_RUN.exec(rest)?.[0];
        if (run) {
          out.push({ kind: 'text', text: run });
          rest = rest.slice(run.length);
          continue;
        }
        out.push({ kind: 'key', seq: rest[0]! });
        rest = rest.slice(1);
      }
      return out;
    },
  };
}

/**
 * What one keystroke's bytes mean: the same flags as Ink's `Key`, so screens
 * keep matching keys the way they always did. Unknown sequences (F-keys,
 * Insert, anything a terminal invents) decode to nothing rather than to text.
 */

/** Ink's `Key` fields, kept here so state/ does not import Ink. */
export interface KeyFlags {
  upArrow: boolean; downArrow: boolean; leftArrow: boolean; rightArrow: boolean;
  pageDown: boolean; pageUp: boolean; home: boolean; end: boolean;
  return: boolean; escape: boolean; ctrl: boolean; shift: boolean; tab: boolean;
  backspace: boolean; delete: boolean; meta: boolean;
  super: boolean; hyper: boolean; capsLock: boolean; numLock: boolean;
}

export type KeyFlagName = 'upArrow' | 'downArrow' | 'leftArrow' | 'rightArrow' | 'pageDown' | 'pageUp' | 'home' | 'end' |
  'return' | 'escape' | 'tab' | 'backspace' | 'delete';

export const NO_KEY: Readonly<KeyFlags> = Object.freeze({
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false,
  home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false,
  backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false,
});

/** [input, flags]: what a screen's key handler receives. */
export type DecodedKey = [string, KeyFlags];

const named = (name: KeyFlagName, extra: Partial<KeyFlags> = {}): DecodedKey => ['', { ...NO_KEY, [name]: true, ...extra }];

const CSI_LETTER: Record<string, KeyFlagName> = { A: 'upArrow', B: 'downArrow', C: 'rightArrow', D: 'leftArrow', H: 'home', F: 'end' };
const CSI_TILDE: Record<string, KeyFlagName> = { '1': 'home', '7': 'home', '4': 'end', '8': 'end', '3': 'delete', '5': 'pageUp', '6': 'pageDown' };

/** One control character (below 0x20, or DEL). */
function controlKey(ch: string): DecodedKey {
  if (ch === '\r' || ch === '\n') return named('return');
  if (ch === '\t') return named('tab');
  if (ch === '\x7f' || ch === '\b') return named('backspace');
  if (ch === '\x1b') return named('escape');
  return [String.fromCharCode(ch.charCodeAt(0) + 96), { ...NO_KEY, ctrl: true }];
}

/** Modifier flags of an xterm `;N` parameter (N-1 is a bit set: 1 shift, 2 alt, 4 ctrl). */
function modifiers(param: string | undefined): Partial<KeyFlags> {
  const bits = param ? Number(param) - 1 : 0;
  return bits > 0 ? { shift: (bits & 1) !== 0, meta: (bits & 2) !== 0, ctrl: (bits & 4) !== 0 } : {};
}

/**
 * Decodes one keystroke as split by `key-reader`: a character, a control
 * character, Esc, Alt+character (`ESC x`), or a CSI/SS3 sequence (an extra
 * leading ESC means Alt).
 */
export function decodeKey(seq: string): DecodedKey {
  if (seq.length === 1 && (seq < ' ' || seq === '\x7f')) return controlKey(seq);
  if (!seq.startsWith('\x1b') || seq === '\x1b') {
    return seq === '\x1b' ? controlKey(seq) : [seq, { ...NO_KEY, shift: /^[A-Z]$/.test(seq) }];
  }
  const alt = seq.startsWith('\x1b\x1b');
  const body = alt ? seq.slice(2) : seq.slice(1);
  const csi = /^\[\[?([0-9;]*)([A-Za-z~])$/.exec(body) ?? /^O()([A-Za-z])$/.exec(body);
  if (csi) {
    const [, params = '', final = ''] = csi;
    const [first, mod] = params.split(';');
    if (final === 'Z') return named('tab', { shift: true });
    const name = final === '~' ? CSI_TILDE[first ?? ''] : CSI_LETTER[final];
    if (!name) return ['', { ...NO_KEY }];
    return named(name, { ...modifiers(mod), ...(alt ? { meta: true } : {}) });
  }
  // ESC followed by one character: Alt+that character (the reader only lets this through for Alt bindings).
  const [input, flags] = decodeKey(body);
  return [input, { ...flags, meta: true }];
}

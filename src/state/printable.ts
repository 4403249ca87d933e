/**
 * Untrusted text made safe to print on a terminal. Everything from the
 * gateway and from local files goes through here before it is shown (TUI,
 * human subcommand output, messages); JSON output does not (JSON escapes it).
 *
 * C0 controls and DEL are shown in caret notation (ESC as `^[`, BEL as `^G`,
 * backspace as `^H`), C1 controls as `\x9b`, so an OSC title or clipboard
 * write, a screen clear or a hyperlink is shown as text and never acted on.
 * Bidi controls (which reorder what a line reads as, "Trojan Source") and
 * invisible characters (zero-width space, word joiner, BOM) are shown as
 * `\u202e`; the joiners that shape scripts and emoji (U+200C, U+200D) stay.
 */

const HIDDEN = '\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff';
const CONTROL = new RegExp(`[\\u0000-\\u001f\\u007f-\\u009f${HIDDEN}]`, 'g');
const CONTROL_BUT_NEWLINE = new RegExp(`[\\u0000-\\u0009\\u000b-\\u001f\\u007f-\\u009f${HIDDEN}]`, 'g');

function visible(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 0x20) return `^${String.fromCharCode(code + 0x40)}`;
  if (code === 0x7f) return '^?';
  if (code <= 0x9f) return `\\x${code.toString(16)}`;
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

const ANY_CONTROL = new RegExp(`[\\u0000-\\u001f\\u007f-\\u009f${HIDDEN}]`);

/** True when the text holds no control, bidi or invisible character (printable leaves it as it is, newlines aside). */
export function isPrintable(text: string): boolean {
  return !ANY_CONTROL.test(text);
}

/** One line of untrusted text with every control character made visible (newlines too). */
export function printable(text: string): string {
  return text.replace(CONTROL, visible);
}

/** Multi-line output: line breaks kept, every other control character made visible. */
export function printableLines(text: string): string {
  return text.replace(CONTROL_BUT_NEWLINE, visible);
}

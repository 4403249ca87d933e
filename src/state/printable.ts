/**
 * Untrusted text made safe to print on a terminal. Everything from the
 * gateway and from local files goes through here before it is shown (TUI,
 * human subcommand output, messages); JSON output does not (JSON escapes it).
 *
 * C0 controls and DEL are shown in caret notation (ESC as `^[`, BEL as `^G`,
 * backspace as `^H`), C1 controls as `\x9b`, so an OSC title or clipboard
 * write, a screen clear or a hyperlink is shown as text and never acted on.
 */

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const CONTROL_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;

function visible(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 0x20) return `^${String.fromCharCode(code + 0x40)}`;
  if (code === 0x7f) return '^?';
  return `\\x${code.toString(16)}`;
}

/** One line of untrusted text with every control character made visible (newlines too). */
export function printable(text: string): string {
  return text.replace(CONTROL, visible);
}

/** Multi-line output: line breaks kept, every other control character made visible. */
export function printableLines(text: string): string {
  return text.replace(CONTROL_BUT_NEWLINE, visible);
}

/**
 * Lets an effect hand the terminal to another program ($EDITOR) and take it
 * back. The TUI runner installs the real implementation.
 */
export interface TerminalControl {
  suspend(): void;
  resume(): void;
}

let current: TerminalControl | undefined;

export function setTerminalControl(ctrl: TerminalControl | undefined): void {
  current = ctrl;
}

export function terminalControl(): TerminalControl | undefined {
  return current;
}

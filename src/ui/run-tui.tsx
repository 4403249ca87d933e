/**
 * Starts the interactive app: alternate screen and bracketed paste in, Ink
 * render, and the terminal restored on every way out (q, Ctrl+C, SIGTERM, a
 * crash). When the terminal itself goes away (hangup) the draft is written
 * and the process leaves without writing to the dead terminal.
 */
import { render, useStdout } from 'ink';
import { useEffect } from 'react';
import { runBeforeExit } from './exit-hooks.js';
import { exitWithoutTerminal, isTerminalGone, watchForHangup } from './hangup.js';
import { setTerminalControl } from './terminal-control.js';
import { App } from './app.js';
import { yogaReady } from './yoga-ready.js';
import { preloadFirstScreen } from './screens/lazy-screens.js';
import type { Services } from './services.js';
import { printable } from '../state/printable.js';

const ALT_SCREEN_ON = '\x1b[?1049h\x1b[H';
const ALT_SCREEN_OFF = '\x1b[?1049l';
const SHOW_CURSOR = '\x1b[?25h';
const HIDE_CURSOR = '\x1b[?25l';
// Bracketed paste: the terminal marks pasted text, so only that is taken as a paste (see key-reader).
const PASTE_MODE_ON = '\x1b[?2004h';
const PASTE_MODE_OFF = '\x1b[?2004l';
const TERMINAL_ON = ALT_SCREEN_ON + PASTE_MODE_ON;
const TERMINAL_OFF = PASTE_MODE_OFF + SHOW_CURSOR + ALT_SCREEN_OFF;

export interface RunTuiOptions {
  services: Services;
  mono: boolean;
  /** Called once, before the process exits, whatever the path (e.g. close the demo gateway). */
  cleanup?: () => Promise<void> | void;
}

/** Resolves with the exit code when the app ends. */
export async function runTui({ services, mono, cleanup }: RunTuiOptions): Promise<number> {
  const out = process.stdout;
  let restored = false;
  const restore = (): void => {
    if (restored) return;
    restored = true;
    out.write(TERMINAL_OFF);
  };
  await Promise.all([yogaReady, preloadFirstScreen(services)]);
  out.write(TERMINAL_ON);
  process.once('exit', restore);

  let repaint: (() => void) | undefined;
  const instance = render(<><App services={services} mono={mono} /><Repainter onReady={(r) => (repaint = r)} /></>, {
    exitOnCtrlC: false,
    patchConsole: true,
    incrementalRendering: process.env.BIFROST_TUI_INCREMENTAL !== "0",
    maxFps: 30,
  });

  // $EDITOR takes the terminal: leave raw mode and the alternate screen, then come back and repaint.
  setTerminalControl({
    suspend: () => {
      if (process.stdin.isTTY) process.stdin.setRawMode(false);
      out.write(TERMINAL_OFF);
    },
    resume: () => {
      out.write(TERMINAL_ON + HIDE_CURSOR);
      if (process.stdin.isTTY) process.stdin.setRawMode(true);
      // The screen is blank now: draw the whole last frame again (Ink's clear() would leave it blank and
      // repaint only the lines that change next, so a frame like the one before the editor stayed empty).
      if (repaint) repaint();
      else instance.clear();
    },
  });

  let code = 0;
  const finish = async (exitCode: number): Promise<void> => {
    code = exitCode;
    instance.unmount();
  };
  // The terminal is gone: keep whatever was being typed, then leave without a word (nobody can read it).
  const leaveDeadTerminal = (): never => {
    restored = true;
    runBeforeExit();
    return exitWithoutTerminal(129);
  };
  const stopWatching = watchForHangup(process.stdin, out, leaveDeadTerminal);
  const onSignal = (signal: NodeJS.Signals): void => {
    // Keep whatever was being typed.
    runBeforeExit();
    void finish(signal === 'SIGINT' ? 130 : 143);
  };
  // Ahead of Ink's own exit handler, which unmounts the screens (and their draft hooks) first.
  process.prependListener('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  const onCrash = (err: unknown): void => {
    if (isTerminalGone(err)) leaveDeadTerminal();
    runBeforeExit();
    instance.unmount();
    restore();
    process.stderr.write(`bifrost-tui: internal error: ${printable(err instanceof Error ? err.message : String(err))}\n`);
    process.exit(70);
  };
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);

  try {
    await instance.waitUntilExit();
  } catch (err) {
    code = 70;
    restore();
    process.stderr.write(`bifrost-tui: ${printable(err instanceof Error ? err.message : String(err))}\n`);
  } finally {
    restore();
    stopWatching();
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    await cleanup?.();
  }
  return code;
}

/**
 * Hands out a full repaint of the last frame: Ink's stdout write erases the frame it drew, writes the data
 * (nothing here), then draws the whole frame again (not only the lines that changed).
 */
function Repainter({ onReady }: { onReady: (repaint: () => void) => void }) {
  const { write } = useStdout();
  useEffect(() => onReady(() => write('')), [write, onReady]);
  return null;
}

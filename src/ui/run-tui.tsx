/**
 * Starts the interactive app: alternate screen in, Ink render, and the
 * terminal restored on every way out (q, Ctrl+C, SIGTERM, SIGHUP, a crash).
 */
import { render } from 'ink';
import { runBeforeExit } from './exit-hooks.js';
import { setTerminalControl } from './terminal-control.js';
import { App } from './app.js';
import { yogaReady } from './yoga-ready.js';
import type { Services } from './services.js';

const ALT_SCREEN_ON = '\x1b[?1049h\x1b[H';
const ALT_SCREEN_OFF = '\x1b[?1049l';
const SHOW_CURSOR = '\x1b[?25h';

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
    out.write(SHOW_CURSOR + ALT_SCREEN_OFF);
  };
  await yogaReady;
  out.write(ALT_SCREEN_ON);
  process.once('exit', restore);

  const instance = render(<App services={services} mono={mono} />, {
    exitOnCtrlC: false,
    patchConsole: true,
    incrementalRendering: process.env.BIFROST_TUI_INCREMENTAL !== "0",
    maxFps: 30,
  });

  // $EDITOR takes the terminal: leave raw mode and the alternate screen, then come back and repaint.
  setTerminalControl({
    suspend: () => {
      if (process.stdin.isTTY) process.stdin.setRawMode(false);
      out.write(SHOW_CURSOR + ALT_SCREEN_OFF);
    },
    resume: () => {
      out.write(ALT_SCREEN_ON);
      if (process.stdin.isTTY) process.stdin.setRawMode(true);
      instance.clear();
    },
  });

  let code = 0;
  const finish = async (exitCode: number): Promise<void> => {
    code = exitCode;
    instance.unmount();
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    // Keep whatever was being typed (a dropped SSH session sends SIGHUP).
    runBeforeExit();
    void finish(signal === 'SIGINT' ? 130 : signal === 'SIGHUP' ? 129 : 143);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  process.on('SIGINT', onSignal);
  const onCrash = (err: unknown): void => {
    runBeforeExit();
    instance.unmount();
    restore();
    process.stderr.write(`bifrost-tui: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(70);
  };
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);

  try {
    await instance.waitUntilExit();
  } catch (err) {
    code = 70;
    restore();
    process.stderr.write(`bifrost-tui: ${err instanceof Error ? err.message : String(err)}\n`);
  } finally {
    restore();
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
    process.off('SIGINT', onSignal);
    await cleanup?.();
  }
  return code;
}

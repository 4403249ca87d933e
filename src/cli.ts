/**
 * Entry point: argv -> services -> the TUI, or a subcommand; exit code.
 */
import { parseArgs } from 'node:util';
import { type CommandIO } from './commands/types.js';
import { EXIT } from './state/exit-codes.js';
import { VERSION, versionLine } from './version.js';
import { printable } from './state/printable.js';
import { joinNegativeNumbers, targetFlags } from './connection/flags.js';
import { parseArgsOptions } from './state/cli/option-spec.js';
import { APP_ALL_OPTIONS, APP_SYNOPSIS } from './commands/tree/app.js';

/** How long after the list request the first frame may wait for its answer. */
const FIRST_FRAME_WAIT_MS = 250;

async function main(argv: string[]): Promise<number> {
  const io: CommandIO = {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    isTTY: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
  };
  // A command word anywhere after the leading options (`--url URL providers list`) runs that command;
  // without one this is the app. An unknown leading option is refused here, with the app's usage.
  const { scanToWord } = await import('./commands/leading-options.js');
  let word: number | undefined;
  try {
    word = scanToWord(argv).index;
  } catch (err) {
    io.stderr.write(`bifrost-tui: ${printable((err as Error).message)}\n`);
    return EXIT.usage;
  }
  if (word !== undefined) {
    const { runCommandLine } = await import('./commands/run-cli.js');
    return runCommandLine(argv, io, { version: VERSION });
  }
  return runInteractive(argv, io);
}

async function runInteractive(argv: string[], io: CommandIO): Promise<number> {
  let flags;
  try {
    const options = parseArgsOptions(APP_ALL_OPTIONS);
    flags = parseArgs({ args: joinNegativeNumbers(argv, options), options, strict: true }).values as Record<string, string | boolean | undefined>;
  } catch (err) {
    const { describeParseError } = await import('./commands/parse-error.js');
    io.stderr.write(`bifrost-tui: ${describeParseError(err, `bifrost-tui ${APP_SYNOPSIS}`, 'bifrost-tui')}\n`);
    return EXIT.usage;
  }
  if (flags.help) {
    const { helpText } = await import('./commands/help.js');
    io.stdout.write(helpText([]));
    return EXIT.ok;
  }
  if (flags.version) {
    io.stdout.write(`${versionLine()}\n`);
    return EXIT.ok;
  }
  if (!io.isTTY) {
    const { shellLine } = await import('./state/cli/shell-quote.js');
    // The connection this run was given (never the key), so the suggestion reaches the same gateway.
    const connection = [
      ...(flags.demo ? ['--demo'] : []),
      ...(['profile', 'url', 'timeout'] as const).flatMap((k) => (typeof flags[k] === 'string' ? [`--${k}`, flags[k] as string] : [])),
    ];
    io.stderr.write(
      `bifrost-tui: the interactive editor needs a terminal; for scripts use the commands, e.g. \`${shellLine(['bifrost-tui', 'providers', 'list', ...connection])}\` (see bifrost-tui --help)\n`,
    );
    return EXIT.usage;
  }
  let refreshSeconds: number | undefined;
  if (typeof flags.refresh === 'string') {
    const { parseRefreshSeconds } = await import('./state/list/live-status.js');
    refreshSeconds = parseRefreshSeconds(flags.refresh);
    if (refreshSeconds === undefined) {
      io.stderr.write(`bifrost-tui: --refresh takes a number of seconds (0 turns it off), not "${flags.refresh}" (see --help)\n`);
      return EXIT.usage;
    }
  }
  // chalk (under Ink) reads --no-color from process.argv when it loads and then drops every style, reverse
  // video and bold included, while NO_COLOR keeps them: the flag is ours, and it means what NO_COLOR means.
  if (flags['no-color']) dropNoColorArgument();
  const { openSession } = await import('./app/session.js');
  const opened = await openSession(
    { ...targetFlags(flags), refreshSeconds },
    io.env,
  );
  // Ink draws only the last frame when it believes it runs in CI (is-in-ci reads CI, CONTINUOUS_INTEGRATION
  // and CI_*). This process has a terminal, so it is interactive whatever the environment says.
  for (const name of Object.keys(process.env)) {
    if (name === 'CI' || name === 'CONTINUOUS_INTEGRATION' || name.startsWith('CI_')) delete process.env[name];
  }
  // One turn of the event loop lets the prefetched list request reach the socket before loading Ink
  // blocks the thread, so the gateway answers while Ink loads.
  await new Promise((resolve) => setImmediate(resolve));
  const { runTui } = await import('./ui/run-tui.js');
  const { wantsMono } = await import('./ui/theme.js');
  const mono = wantsMono(io.env, Boolean(flags['no-color']));
  if (!opened.ok) {
    // First run on a terminal: set up a profile instead of exiting.
    if (opened.noTarget) {
      const { openSetupSession } = await import('./app/session.js');
      const { loadProfileStore } = await import('./app/profiles-service.js');
      await loadProfileStore();
      const setup = openSetupSession(io.env);
      return runTui({ services: setup.services, mono, cleanup: setup.close });
    }
    io.stderr.write(`bifrost-tui: ${printable(opened.message)}\n`);
    return opened.code;
  }
  // A gateway that answers quickly is in the first frame; a slow one gets the loading frame instead.
  await opened.listSettledWithin(FIRST_FRAME_WAIT_MS);
  return runTui({ services: opened.services, mono, cleanup: opened.close });
}

/** Removes `--no-color` from process.argv (before `--`), so that chalk, which reads it when loaded, does not see it. */
function dropNoColorArgument(): void {
  const end = process.argv.indexOf('--');
  process.argv = process.argv.filter((a, i) => a !== '--no-color' || (end >= 0 && i > end));
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`bifrost-tui: ${printable(err instanceof Error ? err.message.split('\n')[0] ?? '' : String(err))}\n`);
    process.exitCode = 1;
  },
);

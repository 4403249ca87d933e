/**
 * Entry point: argv -> services -> the TUI, or a subcommand; exit code.
 */
import { parseArgs } from 'node:util';
import { type CommandIO } from './commands/types.js';
import { EXIT } from './state/exit-codes.js';
import { VERSION } from './version.js';
import { USAGE } from './usage.js';
import { printable } from './state/printable.js';
import { CONNECTION_OPTIONS, targetFlags } from './connection/flags.js';

/** How long after the list request the first frame may wait for its answer. */
const FIRST_FRAME_WAIT_MS = 250;

async function main(argv: string[]): Promise<number> {
  const io: CommandIO = {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    isTTY: Boolean(process.stdin.isTTY && process.stdout.isTTY),
  };
  const [first, ...rest] = argv;
  switch (first) {
    case 'demo-gateway': {
      const { runDemoGatewayCommand } = await import('./commands/demo-gateway.js');
      return runDemoGatewayCommand(rest, io);
    }
    case 'profiles': {
      const { runProfilesCommand } = await import('./commands/profiles.js');
      return runProfilesCommand(rest, io);
    }
    case 'providers': {
      const { runProvidersCommand } = await import('./commands/providers.js');
      return runProvidersCommand(rest, io);
    }
    case 'keys': {
      const { runKeysCommand } = await import('./commands/keys.js');
      return runKeysCommand(rest, io);
    }
    case 'fleet': {
      const { runFleetCommand } = await import('./commands/fleet.js');
      return runFleetCommand(rest, io);
    }
    case 'help':
      io.stdout.write(USAGE);
      return EXIT.ok;
  }
  return runInteractive(argv, io);
}

async function runInteractive(argv: string[], io: CommandIO): Promise<number> {
  let flags;
  try {
    flags = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        ...CONNECTION_OPTIONS,
        refresh: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'V' },
      },
    }).values;
  } catch (err) {
    const { describeParseError } = await import('./commands/parse-error.js');
    io.stderr.write(`bifrost-tui: ${describeParseError(err, 'bifrost-tui [--profile NAME | --url URL [--api-key KEY] | --demo] [--refresh SECONDS] [--no-color]', 'bifrost-tui')}\n`);
    return EXIT.usage;
  }
  if (flags.help) {
    io.stdout.write(USAGE);
    return EXIT.ok;
  }
  if (flags.version) {
    io.stdout.write(`bifrost-tui ${VERSION}\n`);
    return EXIT.ok;
  }
  if (!io.isTTY) {
    io.stderr.write(
      'bifrost-tui: the interactive editor needs a terminal; for scripts use `bifrost-tui providers list|get|export|diff|apply|set` (see --help)\n',
    );
    return EXIT.usage;
  }
  let refreshSeconds: number | undefined;
  if (flags.refresh !== undefined) {
    const { parseRefreshSeconds } = await import('./state/list/live-status.js');
    refreshSeconds = parseRefreshSeconds(flags.refresh);
    if (refreshSeconds === undefined) {
      io.stderr.write(`bifrost-tui: --refresh takes a number of seconds (0 turns it off), not "${flags.refresh}" (see --help)\n`);
      return EXIT.usage;
    }
  }
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
      const { loadProfileStore, openSetupSession } = await import('./app/session.js');
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

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`bifrost-tui: ${printable(err instanceof Error ? err.message.split('\n')[0] ?? '' : String(err))}\n`);
    process.exitCode = 1;
  },
);

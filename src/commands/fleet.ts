/** `bifrost-tui fleet diff|push`: one provider across many gateways (profiles). */
import { openProfileStore } from '../store/profile-store.js';
import { Ctx, parseCommandArgs, runCommand, UsageError, WRITE_OPTIONS, type ProvidersDeps } from './command-context.js';
import { runFleetDiff } from './fleet-diff.js';
import { runFleetPush } from './fleet-push.js';
import { FLEET_DIFF_HELP, FLEET_HELP, FLEET_PUSH_HELP } from './fleet-help.js';
import { EXIT } from '../state/exit-codes.js';
import type { CommandIO } from './types.js';

type Spec = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;

const SUBCOMMANDS: Readonly<Record<string, { help: string; options: Spec; run: (ctx: Ctx) => Promise<number> }>> = {
  diff: { help: FLEET_DIFF_HELP, options: { profiles: { type: 'string' }, parallel: { type: 'string' } }, run: runFleetDiff },
  push: { help: FLEET_PUSH_HELP, options: { from: { type: 'string' }, to: { type: 'string' }, ...WRITE_OPTIONS }, run: runFleetPush },
};

/** Runs `fleet <sub> ...`; returns the exit code. */
export async function runFleetCommand(argv: string[], io: CommandIO, deps: ProvidersDeps = {}): Promise<number> {
  const [subName, ...rest] = argv;
  if (subName === undefined || subName === 'help' || subName === '--help' || subName === '-h') {
    (subName === undefined ? io.stderr : io.stdout).write(FLEET_HELP);
    return subName === undefined ? EXIT.usage : EXIT.ok;
  }
  const sub = Object.hasOwn(SUBCOMMANDS, subName) ? SUBCOMMANDS[subName] : undefined;
  if (!sub) {
    io.stderr.write(`bifrost-tui: unknown fleet command "${subName}" (expected ${Object.keys(SUBCOMMANDS).join(', ')}; see --help)\n`);
    return EXIT.usage;
  }
  const fallback = new Ctx(io, {}, [], deps);
  let ctx: Ctx;
  try {
    const { flags, args } = parseCommandArgs(rest, sub.options);
    if (flags.profile !== undefined || flags.url !== undefined || flags['api-key'] !== undefined) {
      throw new UsageError('fleet commands name their gateways with --profiles / --from / --to, not --profile/--url/--api-key');
    }
    // Every gateway of the fleet is read through one profile store.
    ctx = new Ctx(io, flags, args, { ...deps, store: deps.store ?? openProfileStore({ env: io.env }) });
  } catch (err) {
    return runCommand(fallback, () => Promise.reject(err instanceof Error ? err : new UsageError(String(err))));
  }
  if (ctx.flag('help')) {
    io.stdout.write(sub.help);
    return EXIT.ok;
  }
  return runCommand(ctx, () => sub.run(ctx));
}

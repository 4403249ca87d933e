/** `bifrost-tui fleet diff|push`: one provider across many gateways (profiles). */
import { openProfileStore, type ProfileStore } from '../store/profile-store.js';
import { UsageError, WRITE_OPTIONS, type Ctx, type ProvidersDeps } from './command-context.js';
import { runFleetDiff } from './fleet-diff.js';
import { runFleetPush } from './fleet-push.js';
import { FLEET_DIFF_HELP, FLEET_HELP, FLEET_PUSH_HELP } from './fleet-help.js';
import { runSubcommand, type Sub } from './subcommands.js';
import type { CommandIO } from './types.js';

/** Fleet commands name their gateways by profile: a single-gateway flag would be ignored, so it is refused. */
function fleetOnly(run: (ctx: Ctx) => Promise<number>): (ctx: Ctx) => Promise<number> {
  return async (ctx) => {
    if (ctx.flags.profile !== undefined || ctx.flags.url !== undefined || ctx.flags['api-key'] !== undefined) {
      throw new UsageError('fleet commands name their gateways with --profiles / --from / --to, not --profile/--url/--api-key');
    }
    return run(ctx);
  };
}

const SUBCOMMANDS: Readonly<Record<string, Sub>> = {
  diff: { help: FLEET_DIFF_HELP, options: { profiles: { type: 'string' }, parallel: { type: 'string' } }, run: fleetOnly(runFleetDiff) },
  push: { help: FLEET_PUSH_HELP, options: { from: { type: 'string' }, to: { type: 'string' }, ...WRITE_OPTIONS }, run: fleetOnly(runFleetPush) },
};

/** Runs `fleet <sub> ...`; returns the exit code. */
export async function runFleetCommand(argv: string[], io: CommandIO, deps: ProvidersDeps = {}): Promise<number> {
  // Every gateway of the fleet is read through one profile store, opened on first use (a broken config
  // file then fails inside the command, with its exit code).
  let store: ProfileStore | undefined = deps.store;
  const shared: ProvidersDeps = {
    ...deps,
    get store() {
      return (store ??= openProfileStore({ env: io.env }));
    },
  };
  return runSubcommand('fleet', FLEET_HELP, SUBCOMMANDS, argv, io, shared);
}

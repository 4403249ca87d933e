/** `bifrost-tui fleet diff|push`: one provider across many gateways (profiles). */
import { openProfileStore, type ProfileStore } from '../store/profile-store.js';
import { type ProvidersDeps } from './command-context.js';
import { runFleetDiff } from './fleet-diff.js';
import { runFleetPush } from './fleet-push.js';
import { runSubcommand, type Runners } from './subcommands.js';
import { FLEET } from './tree/fleet.js';
import type { CommandIO } from './types.js';

/** The runner of each command in the tree's `fleet` group (single-gateway flags are refused by the tree's `refused`). */
export const FLEET_RUNNERS: Runners = { diff: runFleetDiff, push: runFleetPush };

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
  return runSubcommand(FLEET, FLEET_RUNNERS, argv, io, shared);
}

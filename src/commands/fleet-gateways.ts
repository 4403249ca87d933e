/** The fleet commands' gateways: one command context per profile, read with connection/fleet-read.ts. */
import { readFleet, type FleetReadOptions } from '../connection/fleet-read.js';
import type { GatewayState } from '../state/fleet/fleet-compare.js';
import { Ctx, type ProvidersDeps } from './command-context.js';
import { exitFor } from './command-errors.js';
import type { CommandIO } from './types.js';

/** A command context bound to one profile (its own target, client, secrets to scrub). */
export function profileCtx(io: CommandIO, deps: ProvidersDeps, profile: string, flags: Record<string, string | boolean | undefined> = {}): Ctx {
  return new Ctx(io, { ...flags, profile }, [], deps);
}

/** Every profile's providers, in `profiles` order (`timeoutMs`: one deadline for all, else each profile's own). */
export async function fetchFleet(io: CommandIO, deps: ProvidersDeps, profiles: readonly string[], opts: FleetReadOptions = {}): Promise<Array<{ profile: string; state: GatewayState; url?: string }>> {
  const ctxs = new Map<string, Ctx>();
  return readFleet(profiles, async (profile) => {
    const ctx = profileCtx(io, deps, profile);
    ctxs.set(profile, ctx);
    const target = await ctx.connect();
    return { client: await ctx.gateway(), url: target.connection.url, timeoutMs: target.clientOptions.timeoutMs, close: () => ctx.close() };
  }, {
    ...opts,
    describe: (err, profile) => {
      const ctx = ctxs.get(profile);
      const message = exitFor(err).message;
      return ctx ? ctx.scrub(message) : message;
    },
  });
}

/**
 * Reading many gateways at once: each profile's provider list, fetched in
 * parallel (at most `parallel` at a time), each with its own deadline, so
 * the whole takes about as long as the slowest gateway, and one that cannot
 * be reached is an answer ("unreachable: why"), not a failure.
 */
import type { Provider } from '../api/wire.js';
import type { GatewayState } from '../state/fleet/fleet-compare.js';
import { Ctx, exitFor, type ProvidersDeps } from './command-context.js';
import type { CommandIO } from './types.js';

/** Default per-gateway deadline, ms (a list is one request). */
export const FLEET_TIMEOUT_MS = 10_000;
/** Default number of gateways read at the same time. */
export const FLEET_PARALLEL = 8;

export interface FleetFetchOptions {
  timeoutMs?: number;
  parallel?: number;
  /** Called as each gateway answers (the screen fills cells in as they come). */
  onAnswer?: (profile: string, state: GatewayState, url: string | undefined) => void;
  signal?: AbortSignal;
}

/** Runs `fn` over `items` with at most `limit` running at once; results in input order. */
export async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

/** A command context bound to one profile (its own target, client, secrets to scrub). */
export function profileCtx(io: CommandIO, deps: ProvidersDeps, profile: string, flags: Record<string, string | boolean | undefined> = {}): Ctx {
  return new Ctx(io, { ...flags, profile }, [], deps);
}

/** One gateway's providers, or why not. Never throws. */
async function fetchOne(io: CommandIO, deps: ProvidersDeps, profile: string, opts: FleetFetchOptions): Promise<{ state: GatewayState; url?: string }> {
  const ctx = profileCtx(io, deps, profile);
  // --timeout for all, else the profile's own timeout, else the default.
  let timeoutMs = opts.timeoutMs ?? FLEET_TIMEOUT_MS;
  let url: string | undefined;
  let deadline: AbortSignal | undefined;
  try {
    const target = await ctx.connect();
    url = target.connection.url;
    timeoutMs = opts.timeoutMs ?? target.clientOptions.timeoutMs ?? FLEET_TIMEOUT_MS;
    const client = await ctx.gateway();
    // The whole read (retries included) has one deadline.
    deadline = AbortSignal.timeout(timeoutMs);
    const signal = opts.signal ? AbortSignal.any([opts.signal, deadline]) : deadline;
    const providers: Provider[] = await client.listProviders({ signal, timeoutMs });
    return { state: { kind: 'ok', providers }, url };
  } catch (err) {
    const reason = deadline?.aborted ? `no answer within ${timeoutMs} ms` : exitFor(err).message;
    return { state: { kind: 'error', reason: ctx.scrub(reason) }, url };
  } finally {
    await ctx.close().catch(() => undefined);
  }
}

/** Every profile's providers, in `profiles` order. */
export async function fetchFleet(io: CommandIO, deps: ProvidersDeps, profiles: readonly string[], opts: FleetFetchOptions = {}): Promise<Array<{ profile: string; state: GatewayState; url?: string }>> {
  return mapBounded(profiles, opts.parallel ?? FLEET_PARALLEL, async (profile) => {
    const r = await fetchOne(io, deps, profile, opts);
    opts.onAnswer?.(profile, r.state, r.url);
    return { profile, ...r };
  });
}

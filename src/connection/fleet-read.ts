/**
 * Reading many gateways at once (`fleet diff`, the fleet screen): each
 * profile's provider list and Bifrost version, at most `parallel` at a time, each with its own
 * deadline (the profile's timeout unless one is given for all), so the whole
 * takes about as long as the slowest gateway, and one that cannot be reached
 * is an answer ("unreachable: why"), not a failure.
 */
import { errorMessage } from '../api/api-error.js';
import type { GatewayClient } from '../api/types.js';
import type { Provider } from '../api/wire.js';
import type { GatewayState } from '../state/fleet/fleet-compare.js';
import { rulesFor } from '../api/versions/version-rules.js';

/** Default per-gateway deadline, ms (a list is one request). */
export const FLEET_TIMEOUT_MS = 10_000;
/** Default number of gateways read at the same time. */
export const FLEET_PARALLEL = 8;

/** One opened gateway: its client, URL and the profile's own timeout. */
export interface FleetGateway {
  client: GatewayClient;
  url?: string;
  /** The profile's read timeout, ms (undefined: the default). */
  timeoutMs?: number;
  /** Called once its read is over (a connection opened only for it). */
  close?: () => Promise<void>;
}

export interface FleetReadOptions {
  /** One deadline for every gateway (else each profile's own, else FLEET_TIMEOUT_MS). */
  timeoutMs?: number;
  parallel?: number;
  signal?: AbortSignal;
  /** Called as each gateway answers (the screen fills cells in as they come). */
  onAnswer?: (profile: string, state: GatewayState, url: string | undefined) => void;
  /** One line for a failure (default: the error's message); it must never hold a secret. */
  describe?: (err: unknown, profile: string) => string;
}

/** Runs `fn` over `items` with at most `limit` running at once; results in input order. Stops taking new items once `signal` aborts. */
export async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T, i: number) => Promise<R>, signal?: AbortSignal): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && !signal?.aborted) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

/** Every profile's providers, in `profiles` order; `open` connects one (and may throw: the gateway is then unreachable). */
export async function readFleet(
  profiles: readonly string[],
  open: (profile: string) => Promise<FleetGateway>,
  opts: FleetReadOptions = {},
): Promise<Array<{ profile: string; state: GatewayState; url?: string }>> {
  const describe = opts.describe ?? ((err: unknown) => errorMessage(err));
  return mapBounded(profiles, opts.parallel ?? FLEET_PARALLEL, async (profile) => {
    let timeoutMs = opts.timeoutMs ?? FLEET_TIMEOUT_MS;
    let url: string | undefined;
    let deadline: AbortSignal | undefined;
    let state: GatewayState;
    let gw: FleetGateway | undefined;
    try {
      gw = await open(profile);
      url = gw.url;
      timeoutMs = opts.timeoutMs ?? gw.timeoutMs ?? FLEET_TIMEOUT_MS;
      // The whole read (retries included) has one deadline.
      deadline = AbortSignal.timeout(timeoutMs);
      const signal = opts.signal ? AbortSignal.any([opts.signal, deadline]) : deadline;
      const providers: Provider[] = await gw.client.listProviders({ signal, timeoutMs });
      // Its Bifrost line, so the gateways compare by meaning (one `GET /api/version`; without it, as sent).
      const version = await gw.client.version({ signal, timeoutMs }).catch(() => undefined);
      state = { kind: 'ok', providers, ...(version ? { rules: rulesFor(version) } : {}) };
    } catch (err) {
      state = { kind: 'error', reason: deadline?.aborted ? `no answer within ${timeoutMs} ms` : describe(err, profile) };
    } finally {
      await gw?.close?.().catch(() => undefined);
    }
    if (!opts.signal?.aborted) opts.onAnswer?.(profile, state, url);
    return { profile, state, url };
  }, opts.signal);
}

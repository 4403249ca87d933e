/** Opens a live session for the TUI: resolve the target, create the client and the profiles service. */
import { ApiError } from '../api/api-error.js';
import { createClient } from '../api/client.js';
import type { GatewayClient } from '../api/types.js';
import { resolveTarget, TargetError, type ResolveDeps, type TargetFlags } from '../connection/target.js';
import { EXIT, type ExitCode } from '../state/exit-codes.js';
import { createProfilesService } from './profiles-service.js';
import { DEFAULT_REFRESH_SECONDS } from '../state/list/live-status.js';
import { localServices } from './local-services.js';
import type { ProfileStore } from '../store/profile-store.js';
import type { PrefetchedList, Services } from '../ui/services.js';

export type OpenResult =
  | {
      ok: true;
      services: Services;
      close: () => Promise<void>;
      /** Resolves once the prefetched provider list has settled, or `ms` after it was requested, whichever is first. */
      listSettledWithin: (ms: number) => Promise<void>;
    }
  | { ok: false; code: ExitCode; message: string; noTarget: boolean };

/**
 * The store if it opens; a broken file is reported where it is needed (resolving, or the profiles screen),
 * never rewritten. Loaded only when needed: the store brings conf and its schema compiler (ajv).
 */
async function tryStore(env: NodeJS.ProcessEnv): Promise<ProfileStore | undefined> {
  const { openProfileStore } = await import('../store/profile-store.js');
  try {
    return openProfileStore({ env });
  } catch {
    return undefined;
  }
}

export async function openSession(flags: TargetFlags & { refreshSeconds?: number }, env: NodeJS.ProcessEnv, deps: ResolveDeps = {}): Promise<OpenResult> {
  // With an explicit URL and no profile the store is not needed to connect: open it only when the
  // profiles screen is used (conf compiles its schema on open, which costs start-up time).
  const needsStore = !flags.demo && Boolean(flags.profile || env.BIFROST_PROFILE || !(flags.url || env.BIFROST_URL));
  const store = deps.store ?? (needsStore ? await tryStore(env) : undefined);
  let target;
  try {
    target = await resolveTarget(flags, env, { ...deps, ...(store ? { store } : {}) });
  } catch (err) {
    if (err instanceof TargetError) return { ok: false, code: err.code, message: err.message, noTarget: err.noTarget };
    return { ok: false, code: EXIT.gateway, message: (err as Error).message, noTarget: false };
  }
  const profiles = createProfilesService({ store, env });
  const client = createClient(target.clientOptions);
  const prefetch = prefetchList(client);
  const session = { ...profiles.sessionFor(target.clientOptions, target.connection, client), takePrefetchedList: prefetch.take };
  const refreshSeconds = flags.refreshSeconds ?? target.profile?.refreshSeconds ?? DEFAULT_REFRESH_SECONDS;
  const services: Services = { session, now: () => Date.now(), profiles, refreshSeconds, ...localServices(env) };
  return {
    ok: true,
    services,
    listSettledWithin: prefetch.settledWithin,
    close: async () => {
      await profiles.close();
      await target.close().catch(() => undefined);
    },
  };
}

/** Starts the provider list now, so the request runs while Ink loads; the list screen takes it once. */
function prefetchList(client: GatewayClient): { take: () => PrefetchedList | undefined; settledWithin: (ms: number) => Promise<void> } {
  const startedAt = performance.now();
  const prefetched: PrefetchedList = { promise: client.listProviderSummaries() };
  // Registered first, so `providers` is set before anyone else sees the promise settle.
  // Nobody may take it (e.g. the app quits at once): never an unhandled rejection.
  const settled = prefetched.promise.then(
    (providers) => {
      prefetched.providers = providers;
    },
    () => undefined,
  );
  let taken = false;
  return {
    take: () => {
      if (taken) return undefined;
      taken = true;
      return prefetched;
    },
    settledWithin: (ms) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, startedAt + ms - performance.now()));
        void settled.then(() => {
          clearTimeout(timer);
          resolve();
        });
      }),
  };
}

/** A client for "not connected yet": every call fails with one clear line. */
function unconnectedClient(): GatewayClient {
  const fail = async (): Promise<never> => {
    throw new ApiError('network', 'not connected to a gateway yet');
  };
  return {
    baseUrl: '',
    listProviders: fail,
    listProviderSummaries: fail,
    getProvider: fail,
    updateProvider: fail,
    createProvider: fail,
    deleteProvider: fail,
    listKeys: fail,
    getKey: fail,
    createKey: fail,
    updateKey: fail,
    deleteKey: fail,
    listAllKeys: fail,
    authStatus: fail,
    version: fail,
    close: async () => undefined,
  };
}

/**
 * Services for the first-run setup: no gateway yet; the setup form connects through `profiles`.
 * Without `deps.store`, await `loadProfileStore()` first.
 */
export function openSetupSession(env: NodeJS.ProcessEnv, deps: { store?: ProfileStore } = {}): { services: Services; close: () => Promise<void> } {
  const profiles = createProfilesService({ store: deps.store, env });
  // Profiles but no default (it was deleted or unticked): pick one, rather than set up a new one.
  let stored = 0;
  try {
    stored = profiles.list().length;
  } catch {
    // A broken config file is reported by the screen that opens it.
  }
  const services: Services = {
    session: { client: unconnectedClient(), connection: { url: '(not connected)', authMode: 'none', readOnly: false, gatewayKey: 'setup' } },
    now: () => Date.now(),
    profiles,
    ...(stored > 0 ? { pickProfile: true } : { firstRun: true }),
    ...localServices(env),
  };
  return { services, close: () => profiles.close() };
}

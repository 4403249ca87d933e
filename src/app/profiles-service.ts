/**
 * The UI's view of stored profiles and of switching gateways, implemented at
 * the edge: it holds the store and creates clients, so `src/ui` sees only the
 * `ProfilesService` interface.
 */
import { createClient as defaultCreateClient } from '../api/client.js';
import type { ClientOptions, GatewayClient } from '../api/types.js';
import { connectionInfo, type ConnectionInfo } from '../connection/connection-info.js';
import { authOffNote, resolveStoredProfile, testProfile, versionNote } from '../connection/profile-test.js';
import { errorMessage } from '../api/api-error.js';
import type { ProfileStore } from '../store/profile-store.js';
import { describeSecret, resolveSecret, revealTail } from '../connection/secret-source.js';
import type { ProfilesService, ProfileTestResult, Session } from '../ui/services.js';

export interface ProfilesServiceOptions {
  /** An open store; otherwise opened from `env` on first use (so a broken file shows where profiles are used). */
  store?: ProfileStore;
  env?: NodeJS.ProcessEnv;
  createClient?: (opts: ClientOptions) => GatewayClient;
  /** Millisecond clock for test timings. */
  now?: () => number;
}

/** The service plus what its owner needs: closing every client it created. */
export interface EdgeProfilesService extends ProfilesService {
  /** Wraps client options into a session that can be re-keyed; the client is closed by `close()`. */
  sessionFor(opts: ClientOptions, connection: ConnectionInfo, client?: GatewayClient): Session;
  close(): Promise<void>;
}

// The store module brings conf and its schema compiler (ajv): loaded by `loadProfileStore` (through
// `prepare`, which the screens that use profiles await before they show), not at start-up.
let storeModule: typeof import('../store/profile-store.js') | undefined;

/** Loads the profile store module once; the synchronous methods of every profiles service can then open it. */
export async function loadProfileStore(): Promise<void> {
  storeModule ??= await import('../store/profile-store.js');
}

export function createProfilesService(options: ProfilesServiceOptions = {}): EdgeProfilesService {
  const env = options.env ?? process.env;
  const make = options.createClient ?? defaultCreateClient;
  const now = options.now ?? (() => performance.now());
  let store = options.store;
  const open = (): ProfileStore => {
    if (store) return store;
    if (!storeModule) throw new Error('the profile store was not loaded yet (profiles.prepare())');
    return (store = storeModule.openProfileStore({ env }));
  };
  const clients = new Set<GatewayClient>();

  const sessionFor = (opts: ClientOptions, connection: ConnectionInfo, existing?: GatewayClient): Session => {
    const client = existing ?? make(opts);
    clients.add(client);
    return {
      client,
      connection,
      withKey(key: string): Session {
        const auth: ClientOptions['auth'] =
          opts.auth.kind === 'basic' ? { ...opts.auth, password: key } : { kind: 'bearer', token: key };
        const next = { ...opts, auth };
        return sessionFor(next, { ...connection, authMode: auth.kind, secret: key });
      },
      withSetupToken(token: string): Session {
        return sessionFor({ ...opts, setupToken: token }, connection);
      },
    };
  };

  const service: EdgeProfilesService = {
    async prepare() {
      if (!store) await loadProfileStore();
    },
    list: () => open().list(),
    get: (name) => open().get(name),
    upsert: (profile) => open().upsert(profile),
    remove: (name) => open().remove(name),
    setDefault: (name) => open().setDefault(name),
    clearDefault: () => open().clearDefault(),
    getDefaultName: () => open().getDefaultName(),
    describeSecret,
    async revealTail(profile) {
      if (!profile.secret) return 'no key';
      return revealTail(await resolveSecret(profile.secret, { env }));
    },
    async test(profile): Promise<ProfileTestResult> {
      const r = await testProfile(profile, { env, createClient: make, now });
      if (r.stage === 'secret') return { ok: false, message: errorMessage(r.error), ms: 0 };
      if (!r.ok) return { ok: false, message: `${r.message}${r.isAuth ? ' (check the key)' : ''}`, ms: r.ms };
      const n = r.providers;
      return { ok: true, providers: n, ms: r.ms, message: `ok: ${r.opts.baseUrl} (auth ${r.opts.auth.kind}${authOffNote(r)}, ${n} provider${n === 1 ? '' : 's'}${versionNote(r)}, ${r.ms} ms)` };
    },
    async connect(name) {
      await service.prepare();
      const profile = open().get(name);
      if (!profile) throw new Error(`no profile named "${name}"`);
      const opts = await resolveStoredProfile(profile, env);
      return sessionFor(opts, connectionInfo(profile, opts));
    },
    sessionFor,
    async close() {
      const all = [...clients];
      clients.clear();
      await Promise.all(all.map((c) => c.close().catch(() => undefined)));
    },
  };
  return service;
}

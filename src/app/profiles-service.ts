/**
 * The UI's view of stored profiles and of switching gateways, implemented at
 * the edge: it holds the store and creates clients, so `src/ui` sees only the
 * `ProfilesService` interface.
 */
import { createClient as defaultCreateClient } from '../api/client.js';
import { ApiError, errorMessage } from '../api/api-error.js';
import type { ClientOptions, GatewayClient } from '../api/types.js';
import type { ConnectionInfo } from '../connection/target.js';
import { scrubSecrets } from '../api/secrets.js';
import { openProfileStore, type ProfileStore } from '../store/profile-store.js';
import { describeSecret, resolveConnection, resolveSecret, revealTail } from '../connection/secret-source.js';
import { gatewayKey } from '../store/state-dir.js';
import type { Profile } from '../state/local-types.js';
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

/** Profiles are tested and switched to as stored: BIFROST_URL/BIFROST_API_KEY are for one-off runs. */
function withoutOverrides(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { BIFROST_URL: _u, BIFROST_API_KEY: _k, ...rest } = env;
  return rest;
}

function secretOf(opts: ClientOptions): string | undefined {
  return opts.auth.kind === 'bearer' ? opts.auth.token : opts.auth.kind === 'basic' ? opts.auth.password : undefined;
}

/** What the header shows for a profile connected with these options. */
export function connectionFor(profile: Profile, opts: ClientOptions): ConnectionInfo {
  return {
    url: opts.baseUrl,
    authMode: opts.auth.kind,
    profile: profile.name,
    label: profile.label,
    color: profile.color,
    readOnly: Boolean(profile.readOnly),
    gatewayKey: gatewayKey(profile.name, opts.baseUrl),
    secret: secretOf(opts),
  };
}

export function createProfilesService(options: ProfilesServiceOptions = {}): EdgeProfilesService {
  const env = options.env ?? process.env;
  const make = options.createClient ?? defaultCreateClient;
  const now = options.now ?? (() => performance.now());
  let store = options.store;
  const open = (): ProfileStore => (store ??= openProfileStore({ env }));
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
    };
  };

  const service: EdgeProfilesService = {
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
      const started = now();
      const ms = (): number => Math.round(now() - started);
      let opts: ClientOptions;
      try {
        opts = await resolveConnection(profile, {}, withoutOverrides(env));
      } catch (err) {
        return { ok: false, message: errorMessage(err), ms: ms() };
      }
      const secrets = [secretOf(opts)];
      let client: GatewayClient | undefined;
      try {
        client = make(opts);
        const status = await client.authStatus();
        const providers = await client.listProviders();
        const off = status.is_auth_enabled === false && opts.auth.kind !== 'none' ? ', gateway auth is off' : '';
        const n = providers.length;
        return { ok: true, providers: n, ms: ms(), message: `ok: ${opts.baseUrl} (auth ${opts.auth.kind}${off}, ${n} provider${n === 1 ? '' : 's'}, ${ms()} ms)` };
      } catch (err) {
        const text = scrubSecrets(errorMessage(err), secrets);
        const hint = err instanceof ApiError && err.isAuth ? ' (check the key)' : '';
        return { ok: false, message: `${text}${hint}`, ms: ms() };
      } finally {
        await client?.close().catch(() => undefined);
      }
    },
    async connect(name) {
      const profile = open().get(name);
      if (!profile) throw new Error(`no profile named "${name}"`);
      const opts = await resolveConnection(profile, {}, withoutOverrides(env));
      return sessionFor(opts, connectionFor(profile, opts));
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

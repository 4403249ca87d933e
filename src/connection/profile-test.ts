/**
 * Testing a stored profile, for the profiles screen and `profiles test` alike: resolve its key as
 * stored, ask the gateway whether auth is on, list the providers, find its version, time it.
 */
import { ApiError, errorMessage } from '../api/api-error.js';
import { createClient as defaultCreateClient } from '../api/client.js';
import { scrubSecrets } from '../api/secrets.js';
import type { ClientOptions, GatewayClient } from '../api/types.js';
import { formatGatewayVersion, type GatewayVersion } from '../api/versions/gateway-version.js';
import type { Profile } from '../state/local-types.js';
import { secretOf } from './connection-info.js';
import { resolveConnection } from './secret-source.js';

/** Profiles are tested and switched to as stored: BIFROST_URL/BIFROST_API_KEY/BIFROST_SETUP_TOKEN are for one-off runs. */
export function withoutOverrides(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { BIFROST_URL: _u, BIFROST_API_KEY: _k, BIFROST_SETUP_TOKEN: _t, ...rest } = env;
  return rest;
}

/** A stored profile's client options, ignoring the one-off env overrides (`url`: a `--url` for this test). */
export function resolveStoredProfile(profile: Profile, env: NodeJS.ProcessEnv, url?: string): Promise<ClientOptions> {
  return resolveConnection(profile, { url }, withoutOverrides(env));
}

export type ProfileTestOutcome =
  /** The key could not be resolved: nothing was sent. */
  | { stage: 'secret'; ok: false; error: unknown }
  /** `version`: undefined when the list answered but the version could not be found. */
  | { stage: 'gateway'; ok: true; opts: ClientOptions; authEnabled: boolean | undefined; providers: number; version?: GatewayVersion; ms: number }
  /** The gateway answered with an error or could not be reached; `message` is free of the secret. */
  | { stage: 'gateway'; ok: false; opts: ClientOptions; message: string; isAuth: boolean; status: number | null; ms: number };

export interface ProfileTestDeps {
  env: NodeJS.ProcessEnv;
  /** A `--url` for this test only. */
  url?: string;
  createClient?: (opts: ClientOptions) => GatewayClient;
  /** Millisecond clock. */
  now?: () => number;
}

export async function testProfile(profile: Profile, deps: ProfileTestDeps): Promise<ProfileTestOutcome> {
  const now = deps.now ?? (() => performance.now());
  const started = now();
  let opts: ClientOptions;
  try {
    opts = await resolveStoredProfile(profile, deps.env, deps.url);
  } catch (error) {
    return { stage: 'secret', ok: false, error };
  }
  let client: GatewayClient | undefined;
  try {
    client = (deps.createClient ?? defaultCreateClient)(opts);
    const status = await client.authStatus();
    const providers = await client.listProviders();
    // Detection reuses the list just read; a version that cannot be found does not fail the test.
    const version = await client.version().catch(() => undefined);
    return {
      stage: 'gateway', ok: true, opts, authEnabled: status.is_auth_enabled, providers: providers.length,
      ...(version ? { version } : {}), ms: Math.round(now() - started),
    };
  } catch (err) {
    const message = scrubSecrets(errorMessage(err), [secretOf(opts.auth), opts.setupToken]);
    const isApi = err instanceof ApiError;
    return { stage: 'gateway', ok: false, opts, message, isAuth: isApi && err.isAuth, status: isApi ? (err.status ?? null) : null, ms: Math.round(now() - started) };
  } finally {
    await client?.close().catch(() => undefined);
  }
}

/** `, gateway v1.5.2` for a test's one line, or nothing when the version is not known. */
export function versionNote(outcome: { version?: GatewayVersion }): string {
  return outcome.version ? `, gateway ${formatGatewayVersion(outcome.version)}` : '';
}

/** "gateway auth is off" when a key is configured but the gateway does not ask for one. */
export function authOffNote(outcome: { opts: ClientOptions; authEnabled: boolean | undefined }): string {
  return outcome.authEnabled === false && outcome.opts.auth.kind !== 'none' ? ', gateway auth is off' : '';
}

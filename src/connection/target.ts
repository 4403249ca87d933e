/**
 * Where to connect, for the TUI and the subcommands alike: flags, then
 * environment, then the named or default profile (or the embedded demo
 * gateway). Nothing here is stored.
 */
import type { ClientOptions } from '../api/types.js';
import { EXIT, type ExitCode } from '../state/exit-codes.js';
import { printable } from '../state/printable.js';
import type { ProfileStore } from '../store/profile-store.js';
import { connectionInfo, type ConnectionInfo } from './connection-info.js';
import { resolveConnection } from './secret-source.js';
import { hideUrlUserinfo, urlCredentialsProblem } from '../api/secrets.js';

import type { Profile } from '../state/local-types.js';

export interface TargetFlags {
  url?: string;
  apiKey?: string;
  /** `--setup-token` (a v2.2.6 gateway locked until setup). */
  setupToken?: string;
  profile?: string;
  demo?: boolean;
  /** `--gateway-version`: the Bifrost line the embedded demo gateway plays (with --demo only). */
  gatewayVersion?: string;
  /** Read timeout in ms, as typed. */
  timeout?: string;
}

export interface Target {
  clientOptions: ClientOptions;
  connection: ConnectionInfo;
  profile?: Profile;
  /** Stops what resolving started (the demo gateway). */
  close(): Promise<void>;
}

/** A target could not be resolved; `noTarget`: no gateway was given and there is no default profile (first run, or the default was removed). */
export class TargetError extends Error {
  constructor(
    message: string,
    readonly code: ExitCode,
    readonly noTarget = false,
  ) {
    super(message);
  }
}

export interface ResolveDeps {
  /** Profile store (tests pass a temp-dir one); opened lazily otherwise. */
  store?: ProfileStore;
  /** Options for the embedded demo gateway. */
  demoSaveDelayMs?: number;
}

export async function resolveTarget(flags: TargetFlags, env: NodeJS.ProcessEnv, deps: ResolveDeps = {}): Promise<Target> {
  const timeoutMs = parseTimeout(flags.timeout);
  if (flags.gatewayVersion !== undefined && !flags.demo) {
    throw new TargetError('--gateway-version picks the version the embedded demo gateway plays: use it with --demo', EXIT.usage);
  }
  if (flags.demo) return demoTarget(deps.demoSaveDelayMs ?? 800, timeoutMs, flags.gatewayVersion);

  const explicitUrl = flags.url || env.BIFROST_URL;
  const profileName = flags.profile || env.BIFROST_PROFILE;
  let profile: Profile | undefined;
  if (profileName || !explicitUrl) {
    const store = deps.store ?? (await openStore(env));
    if (profileName) {
      profile = store.get(profileName);
      if (!profile) throw new TargetError(`no profile named "${profileName}" (see: bifrost-tui profiles list)`, EXIT.notFound);
    } else {
      profile = store.getDefault();
    }
  }
  if (!profile && !explicitUrl) {
    throw new TargetError('no gateway given: use --url URL (or BIFROST_URL), --profile NAME, or --demo to try the embedded demo gateway', EXIT.usage, true);
  }
  // Before the key is resolved: a URL with credentials is a usage error, whatever else is wrong.
  const credentials = urlCredentialsProblem(flags.url || env.BIFROST_URL || profile?.url || '');
  if (credentials) throw new TargetError(credentials, EXIT.usage);
  let clientOptions: ClientOptions;
  try {
    clientOptions = await resolveConnection(profile, { url: flags.url, apiKey: flags.apiKey, setupToken: flags.setupToken }, env);
  } catch (err) {
    throw new TargetError((err as Error).message, EXIT.auth);
  }
  try {
    new URL(clientOptions.baseUrl);
  } catch {
    throw new TargetError(`not a valid URL: "${hideUrlUserinfo(clientOptions.baseUrl)}"`, EXIT.usage);
  }
  if (timeoutMs !== undefined) clientOptions.timeoutMs = timeoutMs;
  const maxResponseBytes = parseMaxResponseBytes(env.BIFROST_TUI_MAX_RESPONSE_BYTES);
  if (maxResponseBytes !== undefined) clientOptions.maxResponseBytes = maxResponseBytes;
  const urlOverridden = Boolean(explicitUrl) && explicitUrl !== profile?.url;
  return {
    clientOptions,
    profile,
    connection: connectionInfo(profile, clientOptions, urlOverridden),
    close: async () => undefined,
  };
}

/** Loaded only when a profile is needed: the store brings conf and its schema compiler (ajv). */
async function openStore(env: NodeJS.ProcessEnv): Promise<ProfileStore> {
  const { openProfileStore } = await import('../store/profile-store.js');
  try {
    return openProfileStore({ env });
  } catch (err) {
    // Same code as `profiles ...` gives for a broken config file.
    throw new TargetError((err as Error).message, EXIT.validation);
  }
}

/** Longest --timeout: an hour (the same bound as a profile's timeout; Node's timers end at about 24.8 days). */
export const MAX_TIMEOUT_MS = 3_600_000;

function parseTimeout(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = /^\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n) || n <= 0 || n > MAX_TIMEOUT_MS) {
    throw new TargetError(`--timeout must be a whole number of milliseconds between 1 and ${MAX_TIMEOUT_MS}, got "${printable(text.slice(0, 40))}"`, EXIT.usage);
  }
  return n;
}

function parseMaxResponseBytes(text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n <= 0) throw new TargetError(`BIFROST_TUI_MAX_RESPONSE_BYTES must be a positive number of bytes, got "${text}"`, EXIT.usage);
  return n;
}

async function demoTarget(saveDelayMs: number, timeoutMs: number | undefined, versionText: string | undefined): Promise<Target> {
  const { startDemoGateway, demoVersionOf, DEMO_VERSIONS } = await import('../demo-gateway/index.js');
  const version = versionText === undefined ? undefined : demoVersionOf(versionText);
  if (versionText !== undefined && !version) {
    throw new TargetError(`--gateway-version must be one of ${DEMO_VERSIONS.join(', ')}, got "${versionText}"`, EXIT.usage);
  }
  const gw = await startDemoGateway({ port: 0, saveDelayMs, ...(version ? { version } : {}) });
  return {
    clientOptions: { baseUrl: gw.url, auth: { kind: 'none' }, ...(timeoutMs ? { timeoutMs } : {}) },
    connection: { url: gw.url, authMode: 'none', label: 'DEMO', color: 'magenta', readOnly: false, gatewayKey: 'demo' },
    close: () => gw.close(),
  };
}

/** Resolving a profile's key (stored, env var, or command) and turning a profile into ClientOptions. */
import { spawn } from 'node:child_process';
import type { Auth, ClientOptions } from '../api/types.js';
import type { Profile, SecretSource } from '../state/local-types.js';
import { scrubLiterals, urlCredentialsProblem } from '../api/secrets.js';

/** A key could not be resolved. The message is one line and never contains the key or the command's stdout. */
export class SecretError extends Error {
  override readonly name = 'SecretError';
}

export interface ResolveSecretOptions {
  env?: NodeJS.ProcessEnv;
  /** For `command` sources (default 10 000 ms). */
  timeoutMs?: number;
  /** What the secret is, in messages (default `key`; `setup token`). */
  what?: string;
}

export const DEFAULT_SECRET_TIMEOUT_MS = 10_000;
/** More than any sane key; stops a runaway command from filling memory. */
const MAX_OUTPUT = 64 * 1024;

/** Shortens a command for messages. */
function quoteCommand(command: string): string {
  const one = command.replace(/\s+/g, ' ').trim();
  return `"${one.length > 60 ? `${one.slice(0, 57)}...` : one}"`;
}

/** How a secret source is shown in listings: never any part of a stored value. */
export function describeSecret(src: SecretSource | undefined): string {
  if (!src) return 'none';
  switch (src.source) {
    case 'stored':
      return 'stored';
    case 'env':
      return `env $${src.name}`;
    case 'command':
      return `command ${quoteCommand(src.command)}`;
  }
}

/**
 * The TUI's reveal key: `••••` plus the last 4 characters. Keys shorter than
 * 12 characters show no characters at all, since 4 would be a third of them.
 */
export function revealTail(secret: string): string {
  return secret.length >= 12 ? `••••${secret.slice(-4)}` : '••••';
}

/**
 * Process groups of key commands still running. The command runs in its own
 * group (so a timeout can kill everything it started), which also means ^C
 * in the terminal does not reach it: on every way out of this process (exit,
 * SIGINT, SIGTERM, SIGHUP) the groups are killed here.
 */
const runningGroups = new Set<number>();
const EXIT_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function killRunningGroups(): void {
  for (const pid of runningGroups) killGroup(pid);
  runningGroups.clear();
}

/**
 * Kills the groups, then lets the signal do what it would have done: when
 * nobody else listens (a subcommand), the listener is removed and the
 * signal raised again, so the process still ends by it (exit 130/143).
 */
function onExitSignal(signal: NodeJS.Signals): void {
  killRunningGroups();
  if (process.listenerCount(signal) === 1) {
    unwatchExit();
    process.kill(process.pid, signal);
  }
}

function watchExit(): void {
  if (runningGroups.size > 0) return; // already watching
  process.on('exit', killRunningGroups);
  for (const s of EXIT_SIGNALS) process.on(s, onExitSignal);
}

function unwatchExit(): void {
  process.off('exit', killRunningGroups);
  for (const s of EXIT_SIGNALS) process.off(s, onExitSignal);
}

/** Runs `command` with `/bin/sh -c` in its own process group; stdout (trailing newlines trimmed) is the key. */
function runKeyCommand(command: string, env: NodeJS.ProcessEnv, timeoutMs: number, label = 'key'): Promise<string> {
  const what = `${label} command ${quoteCommand(command)}`;
  return new Promise((resolve, reject) => {
    let child: ReturnType<typeof spawn>;
    try {
      // detached: own process group, so a timeout kills the shell and everything it started.
      child = spawn('/bin/sh', ['-c', command], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (err) {
      reject(new SecretError(`${what} could not start: ${(err as Error).message}`));
      return;
    }
    const out: Buffer[] = [];
    const errOut: Buffer[] = [];
    let outLen = 0;
    let errLen = 0;
    let settled = false;
    const pid = child.pid;
    if (pid !== undefined) {
      watchExit();
      runningGroups.add(pid);
    }
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.stdout?.destroy();
      child.stderr?.destroy();
      if (pid !== undefined && runningGroups.delete(pid) && runningGroups.size === 0) unwatchExit();
      fn();
    };
    const killOwnGroup = (): void => {
      if (pid !== undefined) killGroup(pid);
    };
    const timer = setTimeout(() => {
      killOwnGroup();
      finish(() => reject(new SecretError(`${what} timed out after ${timeoutMs} ms and was killed`)));
    }, timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      outLen += chunk.length;
      if (outLen > MAX_OUTPUT) {
        killOwnGroup();
        finish(() => reject(new SecretError(`${what} printed more than ${MAX_OUTPUT} bytes`)));
      } else out.push(chunk);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      if (errLen < 4096) errOut.push(chunk);
      errLen += chunk.length;
    });
    child.on('error', (err) => finish(() => reject(new SecretError(`${what} could not start: ${err.message}`))));
    child.on('close', (code, signal) => {
      const stdout = Buffer.concat(out).toString('utf8');
      const value = stdout.replace(/[\r\n]+$/, '');
      if (code !== 0) {
        const stderrLine = Buffer.concat(errOut).toString('utf8').split('\n').map((l) => l.trim()).find((l) => l.length > 0);
        // stderr could quote what stdout printed; never let that through.
        const detail = stderrLine ? `: ${scrubLiterals(stderrLine, [value, stdout.trim()]).slice(0, 200)}` : '';
        const status = signal ? `killed by ${signal}` : `exit ${code}`;
        finish(() => reject(new SecretError(`${what} failed (${status})${detail}`)));
        return;
      }
      if (value.length === 0) {
        finish(() => reject(new SecretError(`${what} printed nothing`)));
        return;
      }
      finish(() => resolve(value));
    });
  });
}

/** Resolves a secret source to the secret itself. Rejects with a one-line SecretError. */
export async function resolveSecret(src: SecretSource, opts: ResolveSecretOptions = {}): Promise<string> {
  const env = opts.env ?? process.env;
  const what = opts.what ?? 'key';
  switch (src.source) {
    case 'stored':
      if (src.value.length === 0) throw new SecretError(`the stored ${what} is empty`);
      return src.value;
    case 'env': {
      const value = env[src.name];
      if (value === undefined) throw new SecretError(`environment variable $${src.name} (the ${what}) is not set`);
      if (value.length === 0) throw new SecretError(`environment variable $${src.name} (the ${what}) is empty`);
      return value;
    }
    case 'command':
      return runKeyCommand(src.command, env, opts.timeoutMs ?? DEFAULT_SECRET_TIMEOUT_MS, what);
  }
}

/** One-run overrides from `--url`/`--api-key`/`--setup-token`; `BIFROST_URL`/`BIFROST_API_KEY`/`BIFROST_SETUP_TOKEN` are read from `env`. */
export interface ConnectionOverrides {
  url?: string;
  apiKey?: string;
  setupToken?: string;
}

/** Strips trailing slashes: ClientOptions wants the bare base URL. */
export function normaliseBaseUrl(url: string): string {
  return url.trim().replace(/\/+$/, '');
}

/**
 * Turns a profile (or none) plus overrides into ClientOptions. Precedence:
 * flag, then env var, then profile. An API key override is the Basic password
 * for a basic profile and a bearer token otherwise. Nothing is stored.
 */
export async function resolveConnection(
  profile: Profile | undefined,
  overrides: ConnectionOverrides = {},
  env: NodeJS.ProcessEnv = process.env,
  opts: { secretTimeoutMs?: number } = {},
): Promise<ClientOptions> {
  const url = overrides.url || env.BIFROST_URL || profile?.url;
  if (!url) throw new SecretError('no gateway URL: pick a profile, or pass --url or set BIFROST_URL');
  const credentials = urlCredentialsProblem(url);
  if (credentials) throw new SecretError(credentials);
  const keyOverride = overrides.apiKey || env.BIFROST_API_KEY || undefined;
  let auth: Auth = { kind: 'none' };
  if (profile?.auth === 'basic') {
    if (!profile.username) throw new SecretError(`profile "${profile.name}" uses basic auth but has no username`);
    const password = keyOverride ?? (profile.secret ? await resolveSecret(profile.secret, { env, timeoutMs: opts.secretTimeoutMs }) : undefined);
    if (password === undefined) throw new SecretError(`profile "${profile.name}" uses basic auth but has no password source`);
    auth = { kind: 'basic', username: profile.username, password };
  } else if (keyOverride !== undefined) {
    auth = { kind: 'bearer', token: keyOverride };
  } else if (profile?.auth === 'bearer') {
    if (!profile.secret) throw new SecretError(`profile "${profile.name}" uses bearer auth but has no key source`);
    auth = { kind: 'bearer', token: await resolveSecret(profile.secret, { env, timeoutMs: opts.secretTimeoutMs }) };
  }
  const options: ClientOptions = { baseUrl: normaliseBaseUrl(url), auth };
  // Same precedence as the key: flag, env, profile.
  const setupToken = overrides.setupToken || env.BIFROST_SETUP_TOKEN
    || (profile?.setupToken ? await resolveSecret(profile.setupToken, { env, timeoutMs: opts.secretTimeoutMs, what: 'setup token' }) : undefined);
  if (setupToken) options.setupToken = setupToken;
  if (profile?.timeoutMs !== undefined) options.timeoutMs = profile.timeoutMs;
  if (profile?.caFile !== undefined) options.caFile = profile.caFile;
  if (profile?.insecure !== undefined) options.insecure = profile.insecure;
  return options;
}

/** Flag parsing for `profiles`, building a Profile from flags, and reading keys from stdin. */
import { LOCAL_LIMITS } from '../api/local-file.js';
import { readSecretStream } from './keys-value.js';
import { parseRefreshSeconds } from '../state/list/live-status.js';
import { PROFILE_SETTINGS } from './tree/profiles.js';
import { isLabelColour, LABEL_COLOURS } from '../state/profiles/label-colours.js';
import path from 'node:path';
import type { Profile, SecretSource } from '../state/local-types.js';
import { normaliseBaseUrl } from '../connection/secret-source.js';
import type { CommandIO } from './types.js';

import { UsageError } from './command-errors.js';

/** The flags of `profiles add|edit` (the tree's table) as parsed. */
export type ProfileFlags = {
  [K in keyof typeof PROFILE_SETTINGS]?: (typeof PROFILE_SETTINGS)[K]['type'] extends 'string' ? string : boolean;
};

/** Flags that change a profile (add/edit). */
export const EDIT_FLAGS = Object.keys(PROFILE_SETTINGS) as readonly (keyof typeof PROFILE_SETTINGS)[];

/** Refuses keys on the command line with a message that never repeats them (before parsing, which would echo nothing but fail less clearly). */
export function refuseKeyArguments(argv: readonly string[]): void {
  for (const arg of argv) {
    if (arg === '--') break;
    if (/^--(api-key|password|key|token)(=|$)/.test(arg)) {
      throw new UsageError(
        `${arg.split('=')[0]} is not accepted here: a key on the command line ends up in shell history and ps; use --api-key-stdin, --api-key-env NAME or --api-key-command CMD`,
      );
    }
    if (/^--setup-token(=|$)/.test(arg)) {
      throw new UsageError(
        '--setup-token is not accepted here: a token on the command line ends up in shell history and ps; use --setup-token-stdin, --setup-token-env NAME or --setup-token-command CMD',
      );
    }
  }
}

function parseUrl(text: string): string {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new UsageError(`--url ${JSON.stringify(text)} is not a URL (expected http(s)://host:port)`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new UsageError('--url must start with http:// or https://');
  if (u.username || u.password) throw new UsageError('--url must not contain credentials; use --auth basic --username with --password-stdin');
  return normaliseBaseUrl(text);
}

function parseTimeout(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 3_600_000) {
    throw new UsageError(`--timeout must be a whole number of milliseconds between 1 and 3600000, got ${JSON.stringify(text)}`);
  }
  return Number(text);
}


/** Reads a key from a terminal without echoing it. */
function promptHidden(stdin: NodeJS.ReadStream, stderr: NodeJS.WritableStream, label: string): Promise<string> {
  stderr.write(label);
  stdin.setRawMode(true);
  stdin.resume();
  return new Promise((resolve, reject) => {
    let buf = '';
    const done = (): void => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      stderr.write('\n');
    };
    const onData = (data: Buffer | string): void => {
      for (const ch of data.toString()) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          done();
          resolve(buf);
          return;
        }
        if (ch === '\u0003') {
          done();
          reject(new UsageError('cancelled'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') buf = buf.slice(0, -1);
        else if (ch >= ' ' && buf.length < LOCAL_LIMITS.secret) buf += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** The key from stdin: hidden prompt on a terminal, else all of stdin with the trailing newline trimmed. */
export async function readSecretFromStdin(io: CommandIO, what: string): Promise<string> {
  const stdin = io.stdin as NodeJS.ReadStream;
  const text =
    stdin.isTTY && typeof stdin.setRawMode === 'function'
      ? await promptHidden(stdin, io.stderr, `${what} (input hidden): `)
      : (await readSecretStream(io.stdin, what)).replace(/[\r\n]+$/, '');
  if (text.length === 0) throw new UsageError(`no ${what} on stdin`);
  if (/[\r\n]/.test(text)) throw new UsageError(`the ${what} on stdin spans several lines; pass exactly one line`);
  return text;
}


/**
 * Applies add/edit flags to `base` (an existing profile, or a fresh one) and
 * checks the result hangs together (e.g. bearer has a key, basic a username).
 */
export async function applyProfileFlags(base: Profile, flags: ProfileFlags, io: CommandIO, isNew: boolean): Promise<Profile> {
  const p: Profile = { ...base };
  if (flags.url !== undefined) p.url = parseUrl(flags.url);
  if (isNew && flags.url === undefined) throw new UsageError('--url is required for `profiles add`');

  const stdinKey = Boolean(flags['api-key-stdin'] || flags['password-stdin']);
  const sources = [stdinKey, flags['api-key-env'] !== undefined, flags['api-key-command'] !== undefined].filter(Boolean).length;
  if (sources > 1) throw new UsageError('give only one of --api-key-stdin/--password-stdin, --api-key-env, --api-key-command');

  if (flags.auth !== undefined) {
    if (flags.auth !== 'none' && flags.auth !== 'bearer' && flags.auth !== 'basic') {
      throw new UsageError(`--auth must be none, bearer or basic, got ${JSON.stringify(flags.auth)}`);
    }
    p.auth = flags.auth;
  } else if (isNew) {
    p.auth = flags.username !== undefined ? 'basic' : sources > 0 ? 'bearer' : 'none';
  }
  if (flags.username !== undefined) p.username = flags.username || undefined;

  let secret: SecretSource | undefined;
  if (flags['api-key-env'] !== undefined) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(flags['api-key-env'])) throw new UsageError('--api-key-env takes a variable name, e.g. BIFROST_PROD_KEY');
    secret = { source: 'env', name: flags['api-key-env'] };
  } else if (flags['api-key-command'] !== undefined) {
    if (flags['api-key-command'].trim() === '') throw new UsageError('--api-key-command is empty');
    secret = { source: 'command', command: flags['api-key-command'] };
  } else if (stdinKey) {
    secret = { source: 'stored', value: await readSecretFromStdin(io, p.auth === 'basic' ? 'password' : 'API key') };
  }
  if (secret) p.secret = secret;
  // A bearer key is not a Basic password (nor the reverse): switching kinds needs a new one.
  else if (!isNew && p.auth !== base.auth) delete p.secret;

  if (p.auth === 'none') {
    if (secret) throw new UsageError('a key is only used with --auth bearer or --auth basic');
    delete p.secret;
    delete p.username;
  } else if (p.auth === 'bearer') {
    if (flags.username) throw new UsageError('--username is only used with --auth basic');
    delete p.username;
    if (!p.secret) throw new UsageError('bearer auth needs a key: --api-key-stdin, --api-key-env NAME or --api-key-command CMD');
  } else {
    if (!p.username) throw new UsageError('basic auth needs --username');
    if (!p.secret) throw new UsageError('basic auth needs a password: --password-stdin, --api-key-env NAME or --api-key-command CMD');
  }

  applySetupTokenFlags(p, flags, await setupTokenFromStdin(flags, io, stdinKey));

  if (flags['ca-file'] !== undefined) p.caFile = flags['ca-file'] ? path.resolve(flags['ca-file']) : undefined;
  if (flags.insecure && flags['no-insecure']) throw new UsageError('--insecure and --no-insecure contradict each other');
  if (flags.insecure) p.insecure = true;
  if (flags['no-insecure']) delete p.insecure;
  if (flags.timeout !== undefined) p.timeoutMs = flags.timeout ? parseTimeout(flags.timeout) : undefined;
  if (flags.refresh !== undefined) {
    const seconds = flags.refresh ? parseRefreshSeconds(flags.refresh) : undefined;
    if (flags.refresh && seconds === undefined) throw new UsageError(`--refresh takes a number of seconds (0 turns it off), got ${JSON.stringify(flags.refresh)}`);
    p.refreshSeconds = seconds;
  }
  if (flags.label !== undefined) p.label = flags.label || undefined;
  if (flags.color !== undefined) {
    if (flags.color && !isLabelColour(flags.color)) throw new UsageError(`--color must be one of ${LABEL_COLOURS.join(', ')}`);
    p.color = flags.color || undefined;
  }
  if (flags['read-only'] && flags['no-read-only']) throw new UsageError('--read-only and --no-read-only contradict each other');
  if (flags['read-only']) p.readOnly = true;
  if (flags['no-read-only']) delete p.readOnly;
  return p;
}

/** The setup token typed on stdin, when `--setup-token-stdin` asks for it (stdin can hold only one secret). */
async function setupTokenFromStdin(flags: ProfileFlags, io: CommandIO, stdinKey: boolean): Promise<string | undefined> {
  if (!flags['setup-token-stdin']) return undefined;
  if (stdinKey) throw new UsageError('stdin holds one secret: give the key or the setup token on stdin, the other with -env or -command');
  return readSecretFromStdin(io, 'setup token');
}

/**
 * The setup token (v2.2.6's `X-Bifrost-Setup-Token`) from the same sources as
 * the key: stored (from stdin), an env variable, or a command; `--no-setup-token` removes it.
 */
function applySetupTokenFlags(p: Profile, flags: ProfileFlags, stdinToken: string | undefined): void {
  const given = [stdinToken !== undefined, flags['setup-token-env'] !== undefined, flags['setup-token-command'] !== undefined, flags['no-setup-token'] === true];
  if (given.filter(Boolean).length > 1) {
    throw new UsageError('give only one of --setup-token-stdin, --setup-token-env, --setup-token-command, --no-setup-token');
  }
  if (stdinToken !== undefined) p.setupToken = { source: 'stored', value: stdinToken };
  const envName = flags['setup-token-env'];
  if (envName !== undefined) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(envName)) throw new UsageError('--setup-token-env takes a variable name, e.g. BIFROST_SETUP_TOKEN_PROD');
    p.setupToken = { source: 'env', name: envName };
  }
  const command = flags['setup-token-command'];
  if (command !== undefined) {
    if (command.trim() === '') throw new UsageError('--setup-token-command is empty');
    p.setupToken = { source: 'command', command };
  }
  if (flags['no-setup-token']) delete p.setupToken;
}

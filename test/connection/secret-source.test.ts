import { describe, expect, it } from 'vitest';
import {
  describeSecret,
  resolveConnection,
  resolveSecret,
  revealTail,
  SecretError,
} from '../../src/connection/secret-source.js';
import type { Profile } from '../../src/state/local-types.js';

const KEY = 'bfst-abcdefghijklmnop1234';

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection');
}

describe('resolveSecret', () => {
  it('returns a stored value', async () => {
    expect(await resolveSecret({ source: 'stored', value: KEY })).toBe(KEY);
  });

  it('reads an env var by name, with a clear error when unset or empty', async () => {
    expect(await resolveSecret({ source: 'env', name: 'GW_KEY' }, { env: { GW_KEY: KEY } })).toBe(KEY);
    const unset = await rejection(resolveSecret({ source: 'env', name: 'GW_KEY' }, { env: {} }));
    expect(unset).toBeInstanceOf(SecretError);
    expect(unset.message).toBe('environment variable $GW_KEY (the key) is not set');
    const empty = await rejection(resolveSecret({ source: 'env', name: 'GW_KEY' }, { env: { GW_KEY: '' } }));
    expect(empty.message).toMatch(/is empty/);
  });

  it('runs a command and trims the trailing newline', async () => {
    const env = { PATH: process.env.PATH, THE_KEY: KEY };
    expect(await resolveSecret({ source: 'command', command: 'echo "$THE_KEY"' }, { env })).toBe(KEY);
    expect(await resolveSecret({ source: 'command', command: `printf '%s\\r\\n' "$THE_KEY"` }, { env })).toBe(KEY);
  });

  it('a failing command: one line with the exit code and first stderr line, never stdout', async () => {
    const cmd = `echo ${KEY}; echo; echo "  gpg: decryption failed" >&2; echo second >&2; exit 3`;
    const err = await rejection(resolveSecret({ source: 'command', command: cmd }, { env: { PATH: process.env.PATH } }));
    expect(err).toBeInstanceOf(SecretError);
    expect(err.message).toMatch(/failed \(exit 3\): gpg: decryption failed$/);
    expect(err.message).not.toContain('\n');
    expect(err.message).not.toContain('second');
    expect(err.message.replace(/"[^"]*"/, '')).not.toContain(KEY.slice(5));
  });

  it('stderr that quotes stdout is scrubbed', async () => {
    const err = await rejection(
      resolveSecret({ source: 'command', command: `echo sekret-value-99; echo "bad sekret-value-99" >&2; exit 1` }),
    );
    expect(err.message).toMatch(/exit 1\): bad \*\*\*\*/);
  });

  it('a command that prints nothing is an error', async () => {
    const err = await rejection(resolveSecret({ source: 'command', command: 'true' }));
    expect(err.message).toMatch(/printed nothing/);
  });

  it('a command that sleeps past the timeout is killed (with its children) and fails fast', async () => {
    const started = Date.now();
    const err = await rejection(
      resolveSecret({ source: 'command', command: 'sleep 30 & sleep 30; echo late' }, { timeoutMs: 300 }),
    );
    const elapsed = Date.now() - started;
    expect(err.message).toMatch(/timed out after 300 ms and was killed/);
    // Killed at the 300 ms deadline, not waited for (30 s): the bound only needs to separate the two on a loaded machine.
    expect(elapsed).toBeLessThan(20_000);
  });
});

describe('display helpers', () => {
  it('describeSecret never shows a stored value', () => {
    expect(describeSecret({ source: 'stored', value: KEY })).toBe('stored');
    expect(describeSecret({ source: 'env', name: 'GW_KEY' })).toBe('env $GW_KEY');
    expect(describeSecret({ source: 'command', command: 'pass show gw/prod' })).toBe('command "pass show gw/prod"');
    expect(describeSecret(undefined)).toBe('none');
  });

  it('revealTail shows only the last 4 characters, and nothing of short keys', () => {
    expect(revealTail(KEY)).toBe('••••1234');
    expect(revealTail('short-key')).toBe('••••');
  });
});

describe('resolveConnection', () => {
  const bearer: Profile = {
    name: 'prod',
    url: 'https://gw.example.com/',
    auth: 'bearer',
    secret: { source: 'env', name: 'PROD_KEY' },
    timeoutMs: 5000,
    caFile: '/etc/ca.pem',
    insecure: false,
  };
  const basic: Profile = { name: 'b', url: 'http://h:8080', auth: 'basic', username: 'admin', secret: { source: 'stored', value: 'pw-1' } };

  it('resolves a bearer profile', async () => {
    expect(await resolveConnection(bearer, {}, { PROD_KEY: KEY })).toEqual({
      baseUrl: 'https://gw.example.com',
      auth: { kind: 'bearer', token: KEY },
      timeoutMs: 5000,
      caFile: '/etc/ca.pem',
      insecure: false,
    });
  });

  it('resolves basic and none profiles', async () => {
    expect((await resolveConnection(basic, {}, {})).auth).toEqual({ kind: 'basic', username: 'admin', password: 'pw-1' });
    expect(await resolveConnection({ name: 'n', url: 'http://x', auth: 'none' }, {}, {})).toEqual({
      baseUrl: 'http://x',
      auth: { kind: 'none' },
    });
  });

  it('flags beat env vars beat the profile, for one run', async () => {
    const env = { PROD_KEY: KEY, BIFROST_URL: 'http://env:1', BIFROST_API_KEY: 'env-key' };
    const fromEnv = await resolveConnection(bearer, {}, env);
    expect(fromEnv.baseUrl).toBe('http://env:1');
    expect(fromEnv.auth).toEqual({ kind: 'bearer', token: 'env-key' });
    const fromFlags = await resolveConnection(bearer, { url: 'http://flag:2', apiKey: 'flag-key' }, env);
    expect(fromFlags.baseUrl).toBe('http://flag:2');
    expect(fromFlags.auth).toEqual({ kind: 'bearer', token: 'flag-key' });
    expect((await resolveConnection(basic, { apiKey: 'pw-2' }, {})).auth).toEqual({ kind: 'basic', username: 'admin', password: 'pw-2' });
  });

  it('works without a profile and fails clearly without a URL or key', async () => {
    expect(await resolveConnection(undefined, {}, { BIFROST_URL: 'http://x', BIFROST_API_KEY: 'k' })).toEqual({
      baseUrl: 'http://x',
      auth: { kind: 'bearer', token: 'k' },
    });
    expect((await rejection(resolveConnection(undefined, {}, {}))).message).toMatch(/no gateway URL/);
    expect((await rejection(resolveConnection(bearer, {}, {}))).message).toMatch(/\$PROD_KEY/);
  });
});

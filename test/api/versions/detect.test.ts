/** Version detection from probes (VERSIONS.md §1, §7.1), on scripted answers: which reads, in which order, what line. */
import { describe, expect, it } from 'vitest';
import { detectVersion, type VersionProbes } from '../../../src/api/versions/detect.js';
import { gateFields, isSetupLock } from '../../../src/api/versions/gate-errors.js';

interface Script {
  reported?: string;
  providers?: Record<string, unknown>[];
  keys?: unknown[] | 'absent';
  auth?: Record<string, unknown>;
}

function probes(script: Script): VersionProbes & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    reported: async () => (calls.push('version'), script.reported),
    providers: async () => (calls.push('providers'), script.providers ?? []),
    keysOf: async (name) => (calls.push(`keys ${name}`), script.keys ?? []),
    authStatus: async () => (calls.push('auth'), script.auth),
  };
}

const plain = (value: string) => ({ value, env_var: '', from_env: false });
const secretVar = (value: string) => ({ value, type: 'plain_text' });

describe('version detection', () => {
  it('a reported release is enough: one read', async () => {
    const p = probes({ reported: 'v1.5.2' });
    expect(await detectVersion(p)).toEqual({ line: 'v1.5', release: { major: 1, minor: 5, patch: 2 }, reported: 'v1.5.2', via: 'reported' });
    expect(p.calls).toEqual(['version']);
  });

  it('v1.0.0 (a dev build): providers carrying keys are v1.4', async () => {
    const p = probes({ reported: 'v1.0.0', providers: [{ name: 'openai', keys: [] }] });
    expect(await detectVersion(p)).toEqual({ line: 'v1.4', via: 'probed', reported: 'v1.0.0' });
    expect(p.calls).toEqual(['version', 'providers']);
  });

  it('no version route and a key route answering the dashboard: v1.4', async () => {
    const p = probes({ providers: [], keys: 'absent' });
    expect((await detectVersion(p)).line).toBe('v1.4');
    expect(p.calls).toEqual(['version', 'providers', 'keys openai']);
  });

  it('EnvVar key secrets: v1.5', async () => {
    const p = probes({ reported: 'vunknown', providers: [{ name: 'groq' }], keys: [{ id: 'k', value: plain('g*******') }] });
    expect(await detectVersion(p)).toEqual({ line: 'v1.5', via: 'probed', reported: 'vunknown' });
    expect(p.calls).toEqual(['version', 'providers', 'keys groq']);
  });

  it('SecretVar secrets: v1.6 or later; the setup fields of the auth status make it v2', async () => {
    expect(await detectVersion(probes({ providers: [{ name: 'a' }], keys: [{ value: secretVar('x') }] }))).toEqual({ line: 'v1.6', via: 'probed', candidates: ['v1.6', 'v2'] });
    const p = probes({ providers: [{ name: 'a' }], keys: [{ value: secretVar('x') }], auth: { is_auth_enabled: false, setup_required: true } });
    expect(await detectVersion(p)).toEqual({ line: 'v2', via: 'probed' });
    expect(p.calls).toEqual(['version', 'providers', 'keys a', 'auth']);
  });

  it('ignore_provider_cost on a provider is v2 without reading keys; a proxy\'s EnvVar objects are v1.5', async () => {
    const p = probes({ providers: [{ name: 'a', ignore_provider_cost: false }] });
    expect(await detectVersion(p)).toEqual({ line: 'v2', via: 'probed' });
    expect(p.calls).toEqual(['version', 'providers']);
    expect((await detectVersion(probes({ providers: [{ name: 'a', proxy_config: { type: 'http', password: plain('<REDACTED>') } }] }))).line).toBe('v1.5');
  });

  it('nothing to tell v1.5 from later: the oldest candidate\'s rules, the others named', async () => {
    expect(await detectVersion(probes({ providers: [], keys: [] }))).toEqual({ line: 'v1.5', via: 'probed', candidates: ['v1.5', 'v1.6', 'v2'] });
  });
});

describe('v2 refusals', () => {
  it('a gate 403 names its fields', () => {
    const tail = 'requires an authenticated admin session; dashboard auth is currently disabled or unconfigured. Enable dashboard authentication first.';
    expect(gateFields(`Changing a provider key's endpoint (azure_key_config.endpoint, aliases.a.endpoint) ${tail}`)).toEqual(['azure_key_config.endpoint', 'aliases.a.endpoint']);
    expect(gateFields(`Changing a provider's proxy, TLS trust or absolute request URL settings (proxy_config.url) ${tail}`)).toEqual(['proxy_config.url']);
    expect(gateFields(`Setting a provider's base URL or allow_private_network ${tail}`)).toEqual(['network_config.base_url', 'network_config.allow_private_network']);
    expect(gateFields('the credentials lack the permission')).toBeUndefined();
    expect(isSetupLock('setup token required')).toBe(true);
    expect(isSetupLock('Unauthorized')).toBe(false);
  });
});

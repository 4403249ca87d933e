/**
 * Running one suite against every Bifrost line the demo gateway plays
 * (VERSIONS.md §8): `describeEachVersion('listing', (version) => { … })`
 * registers the suite once per version, with the version in its name, so a
 * failure says which line broke. Tests start the gateway with `{ version }`.
 */
import { describe } from 'vitest';
import { isRedacted } from '../../src/api/secrets.js';
import { DEMO_VERSIONS, type DemoVersion } from '../../src/demo-gateway/index.js';

export { DEMO_VERSIONS, type DemoVersion };

/** The suite once per version (all four unless `versions` narrows it). */
export function describeEachVersion(name: string, suite: (version: DemoVersion) => void, versions: readonly DemoVersion[] = DEMO_VERSIONS): void {
  for (const version of versions) describe(`${name} · gateway v${version}`, () => suite(version));
}

/** Lines that store secrets as `{value, env_var, from_env}` (the others as `{value, ref, type}`). */
export const ENV_VAR_VERSIONS: readonly DemoVersion[] = ['1.4', '1.5'];

/** A literal secret as this line stores (and, redacted, shows) it. */
export function literalSecret(version: DemoVersion, value: string): Record<string, unknown> {
  return ENV_VAR_VERSIONS.includes(version) ? { value, env_var: '', from_env: false } : { value, type: 'plain_text' };
}

/** An env-backed secret as this line stores (and, redacted, shows) it; `value` is the resolved (or masked) value. */
export function envSecret(version: DemoVersion, value: string, ref: string): Record<string, unknown> {
  return ENV_VAR_VERSIONS.includes(version) ? { value, env_var: ref, from_env: true } : { value, ref, type: 'env' };
}

/** What `GET /api/version` answers for each line the demo plays. */
export const REPORTED: Readonly<Record<DemoVersion, string>> = { '1.4': 'v1.4.23', '1.5': 'v1.5.2', '1.6': 'v1.6.4', '2.2': 'v2.2.6' };

/** A JSON value with every object's members in sorted order (so two copies compare by content, byte for byte). */
export function sortedJson(v: unknown): string {
  const sort = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(sort);
    if (x && typeof x === 'object') return Object.fromEntries(Object.keys(x).sort().map((k) => [k, sort((x as Record<string, unknown>)[k])]));
    return x;
  };
  return JSON.stringify(sort(v));
}

/**
 * A provider's keys as the gateway stores them (real secrets, not masks), with the values its GET fills in
 * for an unset field (`blacklisted_models: []`, `use_for_batch_api: false`, VERSIONS.md §5.1) made explicit:
 * a key echoed back whole stores those explicitly, which is the same key. Compare with `sortedJson`.
 */
export function storedKeys(gw: { storedProvider(name: string): unknown }, provider: string): Record<string, unknown>[] {
  const keys = ((gw.storedProvider(provider) as { keys?: unknown[] } | undefined)?.keys ?? []) as Record<string, unknown>[];
  return keys.map((k) => ({ blacklisted_models: [], use_for_batch_api: false, ...k, models: k.models ?? [] }));
}

/** Every string leaf of a value with its dotted path. */
function leaves(v: unknown, at = ''): Array<[string, string]> {
  if (typeof v === 'string') return [[at, v]];
  if (v === null || typeof v !== 'object') return [];
  return Object.entries(v).flatMap(([k, c]) => leaves(c, at ? `${at}.${k}` : k));
}

/**
 * What a gateway must never store as a secret, in provider `name` (keys included): a mask (it would be the
 * secret now) or a secret object's JSON text. A model list's `"*"` is a wildcard, not a mask.
 */
export function storedSecretProblems(gw: { storedProvider(name: string): unknown }, name: string): string[] {
  return leaves(gw.storedProvider(name))
    .filter(([p]) => !/(^|\.)(models|blacklisted_models)\.\d+$/.test(p))
    .filter(([, s]) => isRedacted(s) || /^\s*\{.*"(value|ref|env_var)"/.test(s))
    .map(([p, s]) => `${p}: ${s}`);
}

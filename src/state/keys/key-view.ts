/** How a key is summarised: its value's source, its status, and lookups by id or name. */
import type { Key } from '../../api/wire.js';
import { isRedacted } from '../../api/secrets.js';
import { envVarRef, envVarValue } from '../provider/env-var.js';
import { describeAllowList, describeBlacklist } from './allow-list.js';
import type { VersionRules } from '../../api/versions/version-rules.js';

/**
 * Where a key's value comes from, never the value: `env.NAME`, `vault.…`,
 * `stored ····0001` (the last 4 characters the gateway's mask shows), or
 * `stored` / `none` when the mask shows nothing.
 */
export function keyValueSource(value: unknown): string {
  const source = keyValueSourceData(value);
  if (source.type === 'reference') return source.ref;
  if (source.type === 'none') return 'none';
  return `stored ····${source.last4 ?? ''}`;
}

/** Where a key's value comes from, as data (JSON/YAML output): a reference, a stored value (its mask's last 4), or none. */
export type KeyValueSource = { type: 'reference'; ref: string } | { type: 'stored'; last4: string | null } | { type: 'none' };

export function keyValueSourceData(value: unknown): KeyValueSource {
  const ref = envVarRef(value);
  if (ref) return { type: 'reference', ref };
  const text = envVarValue(value);
  if (text === '') return { type: 'none' };
  // Only the gateway's 32-character mask may lend its last 4; anything else could be a real value.
  const tail = text.length === 32 && isRedacted(text) ? text.slice(-4) : '';
  return { type: 'stored', last4: tail && !tail.includes('*') ? tail : null };
}

/** The status badge text: `success`, `list_models_failed`, or `unknown` when absent. */
export function keyStatus(key: Key): string {
  return key.status && key.status !== '' ? key.status : 'unknown';
}

/** One line per key for lists (name, enabled, weight, models, value source, status). */
export interface KeyRow {
  id: string;
  name: string;
  enabled: boolean;
  weight: string;
  models: string;
  blacklist: string;
  source: string;
  status: string;
  description: string;
}

/** One key's row; `rules`: the gateway's Bifrost line, whose meaning of a model list is shown (v1.5's by default). */
export function keyRow(key: Key, rules?: VersionRules): KeyRow {
  return {
    id: key.id ?? '',
    name: key.name ?? '(unnamed)',
    enabled: key.enabled !== false,
    weight: key.weight === undefined ? '-' : String(key.weight),
    models: describeAllowList(key.models, 3, rules?.models),
    blacklist: describeBlacklist(key.blacklisted_models),
    source: keyValueSource(key.value),
    status: keyStatus(key),
    description: key.description ?? '',
  };
}

/** The key whose id, else whose name, is `ref`; `ambiguous` when several share the name. */
export function findKey(keys: readonly Key[], ref: string): Key | 'ambiguous' | undefined {
  const byId = keys.find((k) => k.id === ref);
  if (byId) return byId;
  const named = keys.filter((k) => k.name === ref);
  return named.length > 1 ? 'ambiguous' : named[0];
}

/** The local history slot of a key: one per provider and key id. */
export function keyHistoryName(provider: string, id: string): string {
  return `${provider}/keys/${id}`;
}

/**
 * v1.4's `mergeKeys` (VERSIONS.md §6): the `keys` of a provider PUT are the
 * provider's complete key list. Keys are matched by `id` only: a new id is
 * added (enabled forced on), a known id is replaced wholesale with only its
 * unchanged current masks restored, and every stored key whose id is not in
 * the body is deleted, so a body without `keys` deletes them all.
 */
import { randomUUID } from 'node:crypto';
import { isObject, type JsonObject } from './json.js';
import { storeKeySecrets } from './redact.js';
import type { DemoProfile } from './versions.js';

/** Always carried over from storage: the body cannot set them. */
const COMPUTED = ['config_hash', 'status', 'description'] as const;

/** The provider's keys after a v1.4 provider PUT carrying `sent` (absent or null: none). */
export function mergeKeys(profile: DemoProfile, stored: readonly JsonObject[], sent: unknown): JsonObject[] {
  const byId = new Map(stored.map((k) => [k.id, k]));
  const next: JsonObject[] = [];
  for (const item of Array.isArray(sent) ? sent : []) {
    if (!isObject(item)) continue;
    const prev = typeof item.id === 'string' && item.id !== '' ? byId.get(item.id) : undefined;
    const incoming: JsonObject = { ...item };
    for (const f of COMPUTED) delete incoming[f];
    const merged = storeKeySecrets(profile, incoming, prev, 'equal-to-current');
    const key = 'key' in merged ? merged.key : incoming;
    if (prev) {
      for (const f of COMPUTED) if (prev[f] !== undefined) key[f] = prev[f];
    } else {
      if (typeof key.id !== 'string' || key.id === '') key.id = randomUUID();
      key.enabled = true;
    }
    next.push(key);
  }
  return next;
}

/** A key name used twice across the gateway's keys after the merge (the store's unique index: a 500). */
export function duplicateKeyName(all: readonly JsonObject[]): string | undefined {
  const seen = new Set<string>();
  for (const k of all) {
    if (typeof k.name !== 'string' || k.name === '') continue;
    if (seen.has(k.name)) return k.name;
    seen.add(k.name);
  }
  return undefined;
}

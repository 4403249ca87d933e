/**
 * `GET /api/keys` read in place: the list counts keys per provider from it
 * once per load, and with 10,006 providers the loose schema's copy of every
 * item allocated ~10 MB per load for a count (npm run bench, heap sampling).
 * The items are checked with AllKeysSchema's types and returned as parsed,
 * fields this client does not know included.
 */
import { fail, isObject } from './reply-shape.js';
import type { KeySummary } from './wire.js';

/** A bare array (the spec) or an object holding `keys` (tolerated), as AllKeysSchema takes it. */
export function readAllKeys(json: unknown): KeySummary[] {
  let items: unknown;
  let prefix = '';
  if (Array.isArray(json)) items = json;
  else if (isObject(json)) {
    items = json.keys ?? [];
    prefix = 'keys.';
    if (!Array.isArray(items)) fail('keys', 'array', items);
  } else fail('(root)', 'array', json);
  const list = items as unknown[];
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    const path = `${prefix}${i}`;
    if (!isObject(item)) fail(path, 'object', item);
    for (const key of ['key_id', 'id', 'name', 'provider']) {
      if (item[key] !== undefined && typeof item[key] !== 'string') fail(`${path}.${key}`, 'string', item[key]);
    }
  }
  return list as KeySummary[];
}

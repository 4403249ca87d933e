/**
 * Builds the PUT body from the provider exactly as fetched plus the user's
 * edits (DESIGN.md, safe-save rule 2). Pure: never rebuilds from a form.
 */
import { getOwn, setOwn } from './json-limits.js';
import type { Provider, UpdateBody } from './wire.js';
import { READ_ONLY_FIELDS } from './wire-fields.js';

/** One change to the fetched object: set `value` at `path`, or remove the field there. */
export interface Edit {
  /** Path segments from the provider root, e.g. ['network_config', 'max_retries']. */
  readonly path: readonly string[];
  readonly value?: unknown;
  /** Remove the field (e.g. make `allowed_requests` absent = everything allowed). */
  readonly remove?: boolean;
}

/** Deep copy of JSON data (own `__proto__` members included: JSON.parse makes them own members). */
export function cloneJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** Reads the value at `path` (own members only: `__proto__` is a member, not the prototype), or undefined. */
export function getAtPath(root: unknown, path: readonly string[]): unknown {
  let node: unknown = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = getOwn(node, key);
  }
  return node;
}

/** Applies one edit in place, creating intermediate objects (a `null` block becomes `{}`). */
export function applyEdit(root: Record<string, unknown>, edit: Edit): void {
  const { path } = edit;
  if (path.length === 0) throw new Error('edit path is empty');
  let node = root;
  for (const key of path.slice(0, -1)) {
    const next = getOwn(node, key);
    if (next === null || typeof next !== 'object' || Array.isArray(next)) {
      if (edit.remove) return; // nothing to remove below a missing block
      setOwn(node, key, {});
    }
    node = getOwn(node, key) as Record<string, unknown>;
  }
  const last = path[path.length - 1]!;
  if (edit.remove) {
    if (Object.hasOwn(node, last)) delete node[last];
  } else setOwn(node, last, cloneJson(edit.value));
}

/**
 * The complete PUT body: the fetched provider minus the read-only fields,
 * with `edits` applied in order. Unknown fields and untouched redacted
 * secrets are carried over byte for byte.
 */
export function buildUpdateBody(original: Provider | Record<string, unknown>, edits: readonly Edit[] = []): UpdateBody {
  const body = cloneJson(original) as Record<string, unknown>;
  for (const field of READ_ONLY_FIELDS) delete body[field];
  for (const edit of edits) {
    if ((READ_ONLY_FIELDS as readonly string[]).includes(edit.path[0] ?? '')) {
      throw new Error(`cannot edit read-only field ${edit.path.join('.')}`);
    }
    applyEdit(body, edit);
  }
  return body;
}

/**
 * Re-applying edits after a conflict, entry by entry: only what the user
 * changed from the copy they edited is carried onto the gateway's current
 * copy. A map entry or a list item the user did not touch keeps the other
 * writer's value; a field both changed is an overlap (the user's value wins,
 * and it is shown). EnvVar objects (secrets, references) are single values.
 */
import { applyEdit, type Edit } from '../../api/update-body.js';
import { isEnvVarObject } from '../provider/env-var.js';
import { isPlainObject, jsonEqual } from '../json.js';
import { V1_5_DIALECT, writablePart, type TargetKind, type WriteDialect } from './dialect.js';

/** A map of entries (a block, headers, flags, overrides): merged key by key. */
const isEntries = (v: unknown): v is Record<string, unknown> => isPlainObject(v) && !isEnvVarObject(v);
const isNames = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const absent = (v: unknown): boolean => v === undefined || v === null;

/** The merged value and the dotted paths both sides changed differently. */
export interface Merged {
  value: unknown;
  overlaps: string[];
}

/**
 * Three-way merge of one value: `mine` is the user's version of `base`,
 * `theirs` the gateway's current one. Maps merge key by key and lists of
 * names item by item (when the field did not exist before, both sides
 * creating it is an overlap); any other value the user changed is theirs
 * to lose, listed in `overlaps` when they changed it too.
 */
export function mergeEntries(base: unknown, mine: unknown, theirs: unknown, path: readonly string[] = []): Merged {
  const overlaps: string[] = [];
  const walk = (b: unknown, m: unknown, t: unknown, at: readonly string[]): unknown => {
    if (jsonEqual(b, m)) return t;
    if (jsonEqual(b, t) || jsonEqual(m, t)) return m;
    const created = absent(b);
    if (isEntries(m) && isEntries(t) && (created || isEntries(b))) {
      if (created) overlaps.push(at.join('.'));
      const from = isEntries(b) ? b : {};
      const out: Record<string, unknown> = {};
      for (const k of [...Object.keys(t), ...Object.keys(m).filter((k) => !(k in t))]) {
        const v = walk(from[k], m[k], t[k], [...at, k]);
        if (v !== undefined) out[k] = v;
      }
      return out;
    }
    if (isNames(m) && isNames(t) && (created || isNames(b))) {
      const from = isNames(b) ? b : [];
      const added = m.filter((x) => !from.includes(x));
      const removed = from.filter((x) => !m.includes(x));
      const theyAdded = t.filter((x) => !from.includes(x));
      const theyRemoved = from.filter((x) => !t.includes(x));
      if (created || added.some((x) => theyRemoved.includes(x)) || removed.some((x) => theyAdded.includes(x))) overlaps.push(at.join('.'));
      const out = t.filter((x) => !removed.includes(x));
      for (const x of added) if (!out.includes(x)) out.push(x);
      return out;
    }
    overlaps.push(at.join('.'));
    return m;
  };
  const value = walk(base, mine, theirs, path);
  return { value, overlaps };
}

/** Leaf-level edits that turn `from` into `to` (maps walked key by key, anything else set or removed whole). */
export function editsBetween(from: Record<string, unknown>, to: Record<string, unknown>): Edit[] {
  const out: Edit[] = [];
  const walk = (path: string[], a: unknown, b: unknown): void => {
    if (jsonEqual(a, b)) return;
    if (isEntries(a) && isEntries(b)) {
      for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) walk([...path, k], a[k], b[k]);
      return;
    }
    out.push(b === undefined ? { path, remove: true } : { path, value: b });
  };
  walk([], from, to);
  return out;
}

/** A plan's edits of `base` moved onto `current` entry by entry: the new edits, and the paths both sides changed. */
export function reapplyEdits(kind: TargetKind, base: unknown, current: unknown, edits: readonly Edit[], dialect: WriteDialect = V1_5_DIALECT): { edits: Edit[]; overlaps: string[] } {
  const before = writablePart(kind, base, dialect);
  const mine = structuredClone(before);
  for (const e of edits) applyEdit(mine, e);
  const theirs = writablePart(kind, current, dialect);
  const { value, overlaps } = mergeEntries(before, mine, theirs);
  return { edits: editsBetween(theirs, value as Record<string, unknown>), overlaps: overlaps.filter(Boolean) };
}

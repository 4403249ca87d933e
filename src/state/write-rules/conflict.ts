/**
 * The one conflict rule of every writer (issue 21): any change someone else
 * made to the writable part of the target since the copy a plan was made on
 * is a conflict. That includes a change to or from a default, an unset
 * field, a 0 and a null: two reads of one unchanged gateway copy are
 * identical, so any difference is another writer's. (Only a write of our own
 * may read back as a default, CONTRACT §11.9: see confirm.ts.)
 */
import type { DiffEntry } from '../provider/diff.js';
import { diffObjects } from '../provider/diff.js';
import { diffKeys } from '../keys/key-diff.js';
import { jsonEqual } from '../json.js';
import { V1_5_DIALECT, writablePart, type TargetKind, type WriteDialect } from './dialect.js';

/** Field by field, what differs between two copies of a target's writable part (EnvVars and secrets as one field each). */
export function diffWritable(kind: TargetKind, before: unknown, after: unknown, dialect: WriteDialect = V1_5_DIALECT): DiffEntry[] {
  const readOnly = dialect.readOnlyFields(kind);
  return kind === 'key' ? diffKeys(before, after, readOnly) : diffObjects(before, after, readOnly);
}

/** What someone else changed since `base`: empty when `current` still holds `base` (their writable parts are equal). */
export function changesSince(kind: TargetKind, base: unknown, current: unknown, dialect: WriteDialect = V1_5_DIALECT): DiffEntry[] {
  if (jsonEqual(writablePart(kind, base, dialect), writablePart(kind, current, dialect))) return [];
  const entries = diffWritable(kind, base, current, dialect);
  // A difference the field walk does not name (e.g. {} against absent) is still a change: name its top-level field.
  if (entries.length > 0) return entries;
  const a = writablePart(kind, base, dialect);
  const b = writablePart(kind, current, dialect);
  return [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter((k) => !jsonEqual(a[k], b[k]))
    .map((k) => ({ path: k, segments: [k], kind: 'changed' as const, before: a[k], after: b[k] }));
}

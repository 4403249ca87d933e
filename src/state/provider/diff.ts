/**
 * Flat per-leaf diffs of provider objects, for the save preview (original vs
 * body), the conflict view (original vs fresh server copy) and the CLI
 * `providers diff`. Values are formatted with secrets masked. A hand-written
 * walk: the shapes are small JSON trees and the output must know which paths
 * are EnvVars and secrets, which generic diff libraries do not.
 */
import { getOwn } from '../../api/json-limits.js';
import { cloneJson, getAtPath } from '../../api/update-body.js';
import { READ_ONLY_FIELDS } from '../../api/wire-fields.js';
import { isRedacted, isSecretName, isSecretPath, maskSecret } from '../../api/secrets.js';
import { isPlainObject, jsonEqual } from '../json.js';
import { DESCRIPTORS } from './descriptors.js';
import { displayEnvVar, envVarShape } from './env-var.js';
import { maskDeep } from './other-fields.js';
import { compareValue, isDefaultFill } from './same-value.js';

/** One changed JSON leaf (maps and flags per key). */
export interface DiffEntry {
  /** Dotted path from the provider root, e.g. `network_config.extra_headers.X-Org`. */
  readonly path: string;
  readonly segments: readonly string[];
  readonly kind: 'added' | 'removed' | 'changed';
  readonly before?: unknown;
  readonly after?: unknown;
}

const READ_ONLY: ReadonlySet<string> = new Set(READ_ONLY_FIELDS);
/** Paths whose object values are EnvVars: compared and shown as one leaf. */
const ENV_VAR_PATHS: ReadonlySet<string> = new Set(DESCRIPTORS.filter((d) => d.envVar).map((d) => d.id));

function isBranch(segments: readonly string[], v: unknown): v is Record<string, unknown> {
  return isPlainObject(v) && Object.keys(v).length > 0 && !ENV_VAR_PATHS.has(segments.join('.'));
}

/** Leaf-level differences between two provider objects; read-only top-level fields (a provider's by default) are ignored. */
export function diffObjects(before: unknown, after: unknown, readOnly: ReadonlySet<string> = READ_ONLY): DiffEntry[] {
  const out: DiffEntry[] = [];
  const walk = (segments: string[], a: unknown, b: unknown): void => {
    const aBranch = isBranch(segments, a);
    const bBranch = isBranch(segments, b);
    // A branch facing null/absent is compared key by key, so `null → {type: http}` lists its leaves.
    if ((aBranch || bBranch) && (aBranch || a === undefined || a === null) && (bBranch || b === undefined || b === null)) {
      const ao = aBranch ? a : {};
      const bo = bBranch ? b : {};
      const keys = [...Object.keys(ao), ...Object.keys(bo).filter((k) => !Object.hasOwn(ao, k))];
      for (const k of keys) {
        if (segments.length === 0 && readOnly.has(k)) continue;
        walk([...segments, k], getOwn(ao, k), getOwn(bo, k));
      }
      return;
    }
    if (jsonEqual(a, b)) return;
    const path = segments.join('.');
    if (a === undefined) out.push({ path, segments, kind: 'added', after: b });
    else if (b === undefined) out.push({ path, segments, kind: 'removed', before: a });
    else out.push({ path, segments, kind: 'changed', before: a, after: b });
  };
  walk([], before, after);
  return out;
}

/** A value for display in a diff, with secrets masked (secret paths, secret-named keys, redacted text). */
export function formatDiffValue(path: string | readonly string[], value: unknown): string {
  const segments = typeof path === 'string' ? path.split('.') : path;
  const dotted = segments.join('.');
  if (value === undefined) return '(absent)';
  const secret = isSecretPath(dotted) || isSecretName(segments[segments.length - 1] ?? '');
  // EnvVar objects show their reference, else the masked literal.
  if (isPlainObject(value) && (ENV_VAR_PATHS.has(dotted) || (envVarShape(value) !== 'other' && 'value' in value))) {
    return displayEnvVar(value, secret || ENV_VAR_PATHS.has(dotted));
  }
  if (typeof value === 'string') return secret || isRedacted(value) ? maskSecret(value) : JSON.stringify(value);
  return JSON.stringify(maskDeep(segments, value)) ?? 'null';
}

/** One line per entry: `path: before → after`, `+ path: value`, `- path: value`. */
export function formatDiffEntry(e: DiffEntry): string {
  if (e.kind === 'added') return `+ ${e.path}: ${formatDiffValue(e.segments, e.after)}`;
  if (e.kind === 'removed') return `- ${e.path}: ${formatDiffValue(e.segments, e.before)}`;
  return `~ ${e.path}: ${formatDiffValue(e.segments, e.before)} → ${formatDiffValue(e.segments, e.after)}`;
}

/**
 * A copy for comparing server copies: read-only fields dropped, every form
 * field that holds "nothing" (absent/null/0/false/empty/"none") removed, and
 * EnvVars as their reference or literal text, whatever their wire shape.
 * Explicit values are kept: 300 and 30 are different timeouts. Used alone for
 * the export fingerprint; `comparableCopies` also forgives a default filled in.
 */
export function normalizeForCompare(provider: unknown): Record<string, unknown> {
  const copy = (isPlainObject(provider) ? cloneJson(provider) : {}) as Record<string, unknown>;
  for (const k of READ_ONLY) delete copy[k];
  for (const d of DESCRIPTORS) {
    const parent = getAtPath(copy, d.path.slice(0, -1));
    if (!isPlainObject(parent)) continue;
    const key = d.path[d.path.length - 1]!;
    const v = compareValue(d, parent[key]);
    if (v === undefined) delete parent[key];
    else parent[key] = v;
  }
  return dropEmptyBlocks(copy);
}

function dropEmptyBlocks(copy: Record<string, unknown>): Record<string, unknown> {
  // Blocks left empty (or null) mean "nothing set" on either side.
  for (const [k, v] of Object.entries(copy)) {
    if (v === null || (isPlainObject(v) && Object.keys(v).length === 0)) delete copy[k];
  }
  return copy;
}

/**
 * Two provider copies normalized for comparison, where a field that is
 * unset on one side and holds a server default on the other is dropped from
 * both (CONTRACT §11.9: a default read back for 0/absent is not a change).
 */
export function comparableCopies(a: unknown, b: unknown): [Record<string, unknown>, Record<string, unknown>] {
  const ca = normalizeForCompare(a);
  const cb = normalizeForCompare(b);
  for (const d of DESCRIPTORS) {
    const pa = getAtPath(ca, d.path.slice(0, -1));
    const pb = getAtPath(cb, d.path.slice(0, -1));
    const key = d.path[d.path.length - 1]!;
    const va = isPlainObject(pa) ? pa[key] : undefined;
    const vb = isPlainObject(pb) ? pb[key] : undefined;
    if ((va === undefined && isDefaultFill(d, vb)) || (vb === undefined && isDefaultFill(d, va))) {
      if (isPlainObject(pa)) delete pa[key];
      if (isPlainObject(pb)) delete pb[key];
    }
  }
  return [dropEmptyBlocks(ca), dropEmptyBlocks(cb)];
}

/** What changed between two server copies of a provider (someone else's change), defaults read back forgiven. */
export function serverChanges(before: unknown, after: unknown): DiffEntry[] {
  return diffObjects(...comparableCopies(before, after));
}

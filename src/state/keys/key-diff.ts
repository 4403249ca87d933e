/**
 * Per-field diffs of a key, for the review (CLI and TUI). Built on the
 * provider diff, with the key's own rules: an EnvVar (value, config
 * credentials) is one field shown by its source, never its text, and model
 * lists are shown in words ("*" is the wildcard, not a mask).
 */
import { KEY_READ_ONLY_FIELDS } from '../../api/wire-fields.js';
import { diffObjects, formatDiffValue, type DiffEntry } from '../provider/diff.js';
import { displayEnvVar, envVarRef, envVarValue, isEnvVarRedacted } from '../provider/env-var.js';
import { maskDeep } from '../provider/other-fields.js';
import { describeAliases, describeAllowList, describeBlacklist } from './allow-list.js';
import { findKeyField } from './key-fields.js';
import { keyValueSource } from './key-view.js';
import type { VersionRules } from '../../api/versions/version-rules.js';

const KEY_RO: ReadonlySet<string> = new Set(KEY_READ_ONLY_FIELDS);
const LISTS = new Set(['models', 'blacklisted_models']);

/** The EnvVar field a leaf belongs to (`value`, `azure_key_config.endpoint`, …), if any. */
function envVarFieldOf(segments: readonly string[]): string | undefined {
  for (const n of [1, 2]) {
    const id = segments.slice(0, n).join('.');
    if (segments.length >= n && findKeyField(id)?.envVar) return id;
  }
  return undefined;
}

/** Leaf diffs of two keys (top-level `readOnly` fields ignored); an EnvVar's inner leaves are reported once, at the EnvVar. */
export function diffKeys(before: unknown, after: unknown, readOnly: ReadonlySet<string> = KEY_RO): DiffEntry[] {
  const out: DiffEntry[] = [];
  const seen = new Set<string>();
  for (const e of diffObjects(before, after, readOnly)) {
    const field = envVarFieldOf(e.segments);
    if (!field) {
      out.push(e);
      continue;
    }
    if (seen.has(field)) continue;
    seen.add(field);
    const segments = field.split('.');
    const get = (root: unknown): unknown => segments.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), root);
    const b = get(before);
    const a = get(after);
    out.push({ path: field, segments, kind: b === undefined ? 'added' : a === undefined ? 'removed' : 'changed', before: b, after: a });
  }
  return out;
}

/** An EnvVar for display: its reference, the gateway's mask as a source, or "new value (N chars)". */
function envVarText(v: unknown): string {
  if (v === undefined) return '(absent)';
  if (envVarRef(v) || isEnvVarRedacted(v) || envVarValue(v) === '') return keyValueSource(v);
  return `new value (${envVarValue(v).length} chars)`;
}

/** Whether a key field is a secret on the gateway's line: v2 shows endpoints, regions and URLs plain (VERSIONS.md §5.1). */
export function isKeySecretOn(id: string, rules?: VersionRules): boolean {
  const field = findKeyField(id);
  return field?.secret === true && !(rules?.plainKeyFields.includes(id) ?? false);
}

/** One value of a key field, secrets never shown; model lists in the meaning of the gateway's line (`rules`, v1.5's by default). */
export function formatKeyValue(segments: readonly string[], v: unknown, rules?: VersionRules): string {
  const id = segments.join('.');
  if (v === undefined) return '(absent)';
  if (id === 'models') return describeAllowList(v, 3, rules?.models);
  if (id === 'blacklisted_models') return describeBlacklist(v);
  if (id === 'aliases') return describeAliases(v);
  const field = findKeyField(id);
  if (field?.envVar) return isKeySecretOn(id, rules) ? envVarText(v) : displayEnvVar(v, false);
  return formatDiffValue(segments, v);
}

/** `~ path: before → after` lines, like the provider review. */
export function formatKeyDiffEntry(e: DiffEntry, rules?: VersionRules): string {
  if (e.kind === 'added') return `+ ${e.path}: ${formatKeyValue(e.segments, e.after, rules)}`;
  if (e.kind === 'removed') return `- ${e.path}: ${formatKeyValue(e.segments, e.before, rules)}`;
  return `~ ${e.path}: ${formatKeyValue(e.segments, e.before, rules)} → ${formatKeyValue(e.segments, e.after, rules)}`;
}

/** A key (or key body) for display: secrets masked at any depth, model lists kept as they are. */
export function maskKey(key: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(key).map(([k, v]) => [k, LISTS.has(k) ? v : maskDeep([k], v)]));
}

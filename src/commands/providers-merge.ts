/**
 * Turning a document into edits of the fetched provider (never a partial PUT):
 * - `apply`: deep merge. Objects merge key by key; `null` sets null; arrays,
 *   maps (`extra_headers`, `beta_header_overrides`, `allowed_requests`,
 *   `request_path_overrides`) and EnvVar values are replaced as a whole, so a
 *   file says exactly which headers/flags/overrides exist.
 * - `restore`: replacement of every writable top-level field.
 */
import { getAtPath, type Edit } from '../api/update-body.js';
import { READ_ONLY_FIELDS, type Provider } from '../api/wire.js';
import { DESCRIPTORS } from '../state/form/descriptors.js';
import { buildEnvVar, envVarRef, isEnvVarObject } from '../state/form/env-var.js';
import { jsonEqual } from '../state/form/same-value.js';
import { keepCurrentSecrets, staleMaskPaths } from '../state/form/stale-masks.js';
import { CommandError } from './command-context.js';
import { EXIT } from '../state/exit-codes.js';

/** Paths whose values a document replaces whole rather than merging into. */
export const REPLACED_PATHS: ReadonlySet<string> = new Set(
  DESCRIPTORS.filter((d) => d.kind === 'map' || d.kind === 'flags' || d.envVar).map((d) => d.id),
);

/** Read-only fields a document may carry (e.g. `get --json` output); they are ignored. */
export const IGNORED_FIELDS: readonly string[] = READ_ONLY_FIELDS.filter((f) => f !== 'keys');

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Edits that merge `doc` onto `original`, and the read-only fields that were ignored. */
export function mergeEdits(original: Provider, doc: Record<string, unknown>): { edits: Edit[]; ignored: string[] } {
  if ('keys' in doc) {
    throw new CommandError('"keys" cannot be set with a provider document: keys have their own endpoints; remove "keys" from the file', EXIT.validation);
  }
  const ignored = IGNORED_FIELDS.filter((f) => f in doc);
  const edits: Edit[] = [];
  const walk = (path: string[], cur: unknown, patch: Record<string, unknown>): void => {
    for (const [k, v] of Object.entries(patch)) {
      const p = [...path, k];
      if (path.length === 0 && ignored.includes(k)) continue;
      const now = isPlainObject(cur) ? cur[k] : undefined;
      if (isPlainObject(v) && isPlainObject(now) && !REPLACED_PATHS.has(p.join('.'))) walk(p, now, v);
      else if (!(isPlainObject(cur) && k in cur && jsonEqual(now, v))) edits.push({ path: p, value: v });
    }
  };
  walk([], original, doc);
  return { edits, ignored };
}

/** Blocks the gateway keeps as stored when a PUT omits them (CONTRACT §4.3): clearing one takes `null`. */
const KEPT_WHEN_OMITTED: ReadonlySet<string> = new Set(['proxy_config', 'openai_config', 'prompt_cache']);

/** Edits that make the writable fields of `original` exactly those of `target`. */
export function replaceEdits(original: Provider | Record<string, unknown>, target: Record<string, unknown>): Edit[] {
  const skip = new Set<string>(READ_ONLY_FIELDS);
  const edits: Edit[] = [];
  for (const k of Object.keys(original)) {
    if (skip.has(k) || k in target) continue;
    edits.push(KEPT_WHEN_OMITTED.has(k) ? { path: [k], value: null } : { path: [k], remove: true });
  }
  for (const [k, v] of Object.entries(target)) {
    if (!skip.has(k) && !(k in original && jsonEqual((original as Record<string, unknown>)[k], v))) edits.push({ path: [k], value: v });
  }
  return edits;
}

/**
 * Paths where `edits` would send a redacted value that differs from the
 * gateway's current one (it would be stored as the secret).
 */
export function staleMasks(original: Provider | Record<string, unknown>, edits: readonly Edit[]): string[] {
  return edits.flatMap((e) => (e.remove ? [] : staleMaskPaths(original, e.value, e.path)));
}

/**
 * A provider body from elsewhere (another gateway, a directory) made safe to
 * send to a gateway whose copy is `target` (undefined: not configured there):
 * - a redacted literal that is not the target's current mask is replaced by
 *   the target's own value (or left out) and reported in `notCopied`: the
 *   target would store the mask as the secret;
 * - a reference (`env.NAME`, `vault.…`) is sent as a reference, in the shape
 *   the target can resolve (`buildEnvVar`), unless the target already has it.
 */
export function portableBody(target: Provider | undefined, desired: Record<string, unknown>): { body: Record<string, unknown>; notCopied: string[] } {
  const base = target ?? ({ name: '' } as Provider);
  const refs = structuredClone(desired);
  const walk = (path: string[], v: unknown, set: (next: unknown) => void): void => {
    if (isEnvVarObject(v)) {
      const ref = envVarRef(v);
      const current = getAtPath(base, path);
      if (ref === undefined || jsonEqual(current, v)) return;
      set(envVarRef(current) === ref ? structuredClone(current) : buildEnvVar(current, ref));
    } else if (isPlainObject(v)) {
      for (const [k, child] of Object.entries(v)) walk([...path, k], child, (next) => (v[k] = next));
    }
  };
  // References first, so their (masked) resolved values are not taken for plain secrets.
  for (const [k, v] of Object.entries(refs)) if (k !== 'keys') walk([k], v, (next) => (refs[k] = next));
  const { body, kept } = keepCurrentSecrets(base, refs);
  return { body, notCopied: kept };
}

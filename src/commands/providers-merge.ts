/**
 * Turning a document into edits of the fetched provider (never a partial PUT):
 * - `apply`: deep merge. Objects merge key by key; `null` sets null; arrays,
 *   maps (`extra_headers`, `beta_header_overrides`, `allowed_requests`,
 *   `request_path_overrides`) and EnvVar values are replaced as a whole, so a
 *   file says exactly which headers/flags/overrides exist.
 * - `restore`: replacement of every writable top-level field.
 */
import { getOwn } from '../api/json-limits.js';
import type { Edit } from '../api/update-body.js';
import type { Provider } from '../api/wire.js';
import { DESCRIPTORS } from '../state/provider/descriptors.js';
import { isPlainObject, jsonEqual } from '../state/json.js';
import { IGNORED_FIELDS } from '../state/write-rules/provider-write-plan.js';
import { CommandError } from './command-errors.js';
import { EXIT } from '../state/exit-codes.js';

/** Paths whose values a document replaces whole rather than merging into. */
export const REPLACED_PATHS: ReadonlySet<string> = new Set(
  DESCRIPTORS.filter((d) => d.kind === 'map' || d.kind === 'flags' || d.envVar).map((d) => d.id),
);

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
      const now = getOwn(cur, k);
      if (isPlainObject(v) && isPlainObject(now) && !REPLACED_PATHS.has(p.join('.'))) walk(p, now, v);
      else if (!(isPlainObject(cur) && Object.hasOwn(cur, k) && jsonEqual(now, v))) edits.push({ path: p, value: v });
    }
  };
  walk([], original, doc);
  return { edits, ignored };
}

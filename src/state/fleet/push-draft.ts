/**
 * A push from the fleet screen as a draft of the target's form: the chosen
 * fields of the source provider become form edits over the target's copy,
 * which the editor then reviews, re-checks and saves like any edit.
 * Secrets: a reference is copied as a reference (in the target's shape); a
 * redacted literal from the source is never copied (it is another
 * gateway's mask) and is reported instead. Fields the form does not edit
 * are reported too (`fleet push` copies them).
 */
import { getAtPath, type Edit } from '../../api/update-body.js';
import type { Provider } from '../../api/wire.js';
import { buildEnvVar, envVarRef, envVarValue, isEnvVarObject } from '../provider/env-var.js';
import { formStateFor, proposedProvider } from '../provider/form-from-provider.js';
import { jsonEqual } from '../json.js';
import { isRedacted } from '../../api/secrets.js';

export interface PushDraft {
  /** The form edits, keyed by field id, as a draft stores them. */
  fields: Record<string, unknown>;
  /** Paths that were not copied, each with the reason. */
  skipped: string[];
  /** Paths the editor does not edit (a direct write copies them). */
  outsideEditor: string[];
}

function holdsMask(v: unknown): boolean {
  if (typeof v === 'string') return isRedacted(v);
  if (isEnvVarObject(v)) return envVarRef(v) === undefined && isRedacted(envVarValue(v));
  if (v !== null && typeof v === 'object') return Object.values(v).some(holdsMask);
  return false;
}

/** The wire path that holds a compared field (a normalized path may point inside a flags/EnvVar value). */
export function wirePath(source: Provider, target: Provider | undefined, segments: readonly string[]): string[] {
  const path = [...segments];
  while (path.length > 1 && getAtPath(source, path) === undefined && getAtPath(target, path) === undefined) path.pop();
  return path;
}

/** The edit copying one field from source to target, or why it cannot be copied. */
function copyEdit(source: Provider, target: Provider | undefined, segments: readonly string[]): Edit | string {
  const path = wirePath(source, target, segments);
  const from = getAtPath(source, path);
  const current = getAtPath(target, path);
  if (from === undefined) return { path, remove: true };
  const ref = envVarRef(from);
  if (ref !== undefined && isEnvVarObject(from)) return { path, value: envVarRef(current) === ref ? current : buildEnvVar(current, ref) };
  if (holdsMask(from) && !jsonEqual(from, current)) return `${path.join('.')} differs and cannot be copied: set it on the target`;
  return { path, value: from };
}

/** The draft that copies `paths` (dotted, from the fleet comparison) from `source` onto `target`. */
export function pushDraft(source: Provider, target: Provider, paths: ReadonlyArray<readonly string[]>): PushDraft {
  const edits: Edit[] = [];
  const skipped: string[] = [];
  const outsideEditor: string[] = [];
  for (const segments of paths) {
    const e = copyEdit(source, target, segments);
    if (typeof e === 'string') skipped.push(e);
    else edits.push(e);
  }
  const proposed = proposedProvider(target, edits);
  const { state, readOnly } = formStateFor(target, proposed);
  for (const field of readOnly) skipped.push(field);
  const covered = new Set([...state.edits.keys()]);
  for (const e of edits) {
    const id = e.path.join('.');
    if (![...covered].some((c) => id === c || id.startsWith(`${c}.`) || c.startsWith(`${id}.`))) {
      outsideEditor.push(id);
    }
  }
  return { fields: Object.fromEntries(state.edits), skipped, outsideEditor };
}

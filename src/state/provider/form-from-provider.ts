/**
 * A form state from a provider and a proposed version of it: every field
 * that differs becomes a form edit, as if typed. Used to check scripted
 * edits with the editor's rules and to prepare edits (a fleet push) for the
 * editor's own review and save.
 */
import { applyEdit, cloneJson, getAtPath, type Edit } from '../../api/update-body.js';
import type { Provider } from '../../api/wire.js';
import { DESCRIPTORS, isReadOnly } from './descriptors.js';
import { createFormState, setField, setFieldValue, type FormState } from './edit-model.js';
import { envVarRef, envVarValue } from './env-var.js';
import { jsonEqual } from '../json.js';

/** The provider after `edits`, read-only fields kept. */
export function proposedProvider(original: Provider, edits: readonly Edit[]): Record<string, unknown> {
  const p = cloneJson(original) as Record<string, unknown>;
  for (const e of edits) applyEdit(p, e);
  return p;
}

/** A form state over `original` with every descriptor field that differs in `proposed` set as an edit. */
export function formStateFor(original: Provider, proposed: Record<string, unknown>): { state: FormState; readOnly: string[] } {
  let state = createFormState(original);
  const readOnly: string[] = [];
  for (const d of DESCRIPTORS) {
    const after = getAtPath(proposed, d.path);
    if (jsonEqual(getAtPath(original, d.path), after)) continue;
    if (isReadOnly(d, original)) {
      readOnly.push(`${d.label} (${d.id}): cannot be changed after creation`);
    } else if (d.envVar && after !== undefined && after !== null) {
      // EnvVar fields take text (the reference or the literal), like the form's editor.
      state = setField(state, d.id, envVarRef(after) ?? envVarValue(after));
    } else {
      state = setFieldValue(state, d.id, after ?? undefined);
    }
  }
  return { state, readOnly };
}

/**
 * Checks proposed edits with the form's own rules: the wire schema, then a
 * form state over the fetched provider with every changed field applied as
 * an edit, through `validateForm`. Problems the gateway copy already had are
 * reported as warnings, not errors, so a script can change one field of a
 * provider whose other values predate the UI's ranges.
 */
import type { Edit } from '../../api/update-body.js';
import { ProviderSchema, type Provider } from '../../api/wire.js';
import { createFormState } from './edit-model.js';
import { formStateFor, proposedProvider } from './form-from-provider.js';
import { isCustomProvider } from './provider-kind.js';
import { validateForm } from './validate.js';


/** Result of a check: errors refuse the write; warnings are shown. */
export interface CheckResult {
  errors: string[];
  warnings: string[];
}

function schemaErrors(p: Record<string, unknown>): string[] {
  const r = ProviderSchema.safeParse(p);
  if (r.success) return [];
  return r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
}

/**
 * Paths in `edits` holding a number JSON cannot carry (1e309 reads as
 * Infinity; JSON.stringify would send null). Iterative: values are bounded
 * in depth, but a walk here need not rely on it.
 */
function nonFiniteNumbers(edits: readonly Edit[]): string[] {
  const found: string[] = [];
  for (const e of edits) {
    const stack: [string, unknown][] = [[e.path.join('.'), e.value]];
    while (stack.length > 0) {
      const [path, v] = stack.pop()!;
      if (typeof v === 'number' && !Number.isFinite(v)) found.push(`${path}: ${v} is not a number JSON can carry (too large)`);
      else if (v !== null && typeof v === 'object') for (const [k, child] of Object.entries(v)) stack.push([`${path}.${k}`, child]);
    }
  }
  return found;
}

/** Validates `edits` against `original`; see the module comment. */
export function checkEdits(original: Provider, edits: readonly Edit[]): CheckResult {
  const huge = nonFiniteNumbers(edits);
  if (huge.length > 0) return { errors: huge, warnings: [] };
  const proposed = proposedProvider(original, edits);
  const before = new Set(validateForm(createFormState(original)).map((e) => e.message));
  const errors = schemaErrors(proposed);
  if (errors.length > 0) return { errors, warnings: [] };
  if (isCustomProvider(original) && !isCustomProvider(proposed as Provider)) {
    return { errors: ['custom_provider_config: cannot be removed from a custom provider'], warnings: [] };
  }
  const { state, readOnly } = formStateFor(original, proposed);
  for (const error of readOnly) errors.push(error);
  for (const e of validateForm(state)) if (!before.has(e.message)) errors.push(e.message);
  const now = new Set(validateForm(state).map((e) => e.message));
  const warnings = [...before].filter((m) => now.has(m)).map((m) => `already on the gateway, left as is: ${m}`);
  return { errors: [...new Set(errors)], warnings };
}

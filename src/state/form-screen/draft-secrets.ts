/**
 * Typed secrets stay out of draft files. A draft records which secret was
 * typed (field, or header name) but not its value; restoring the draft asks
 * for it again. What is kept: references (`env.NAME`, `vault.…`), values
 * equal to what the gateway already has (its redaction mask), and CA
 * certificates (public by nature, and a pasted PEM is work to redo).
 */
import { getOwn, setOwn } from '../../api/json-limits.js';
import type { Provider } from '../../api/wire.js';
import type { Draft, WithheldSecret } from '../local-types.js';
import { getAtPath } from '../../api/update-body.js';
import { findDescriptor } from '../provider/descriptors.js';
import { isReferenceText } from '../provider/env-var.js';
import { toEdits, type FieldEdit } from '../provider/edit-model.js';
import { isSecretName } from '../../api/secrets.js';

const PUBLIC_SECRET_FIELDS = new Set(['network_config.ca_cert_pem', 'proxy_config.ca_cert_pem']);

/** A typed value of this secret field that must not be written to a draft. */
function isTypedSecret(fieldId: string, text: string): boolean {
  const d = findDescriptor(fieldId);
  return Boolean(d?.secret) && !PUBLIC_SECRET_FIELDS.has(fieldId) && text.trim() !== '' && !isReferenceText(text.trim());
}

/** A map edit without the values of secret-named keys the user changed (they go back to the loaded ones). */
function withoutSecretEntries(fieldId: string, edit: FieldEdit, original: Provider): { edit?: FieldEdit; names: string[] } {
  const d = findDescriptor(fieldId);
  const typed = edit.input;
  if (d?.kind !== 'map' || !edit.parsed || typeof typed !== 'object' || typed === null) return { edit, names: [] };
  const loadedMap = getAtPath(original, d.path);
  const loaded = (typeof loadedMap === 'object' && loadedMap !== null ? loadedMap : {}) as Record<string, unknown>;
  const kept: Record<string, unknown> = {};
  const names: string[] = [];
  for (const [name, value] of Object.entries(typed as Record<string, unknown>)) {
    const secret = isSecretName(name) && value !== getOwn(loaded, name) && !(typeof value === 'string' && isReferenceText(value));
    if (!secret) setOwn(kept, name, value);
    else {
      names.push(name);
      if (Object.hasOwn(loaded, name)) setOwn(kept, name, loaded[name]);
    }
  }
  if (names.length === 0) return { edit, names };
  return { edit: { text: d.format(kept), parsed: true, input: kept }, names };
}

/** The draft as written to disk: typed secrets replaced by a note that they were typed. */
export function withoutTypedSecrets(draft: Draft): Draft {
  const original = draft.original as Provider;
  const fields = new Map<string, FieldEdit>();
  const withheld: WithheldSecret[] = [];
  for (const [id, edit] of Object.entries(draft.fields ?? {})) {
    if (isTypedSecret(id, edit.text)) {
      withheld.push({ fieldId: id });
      continue;
    }
    const { edit: kept, names } = withoutSecretEntries(id, edit as FieldEdit, original);
    for (const header of names) withheld.push({ fieldId: id, header });
    if (kept) fields.set(id, kept);
  }
  const pending = draft.pending && isTypedSecret(draft.pending.fieldId, draft.pending.text) ? undefined : draft.pending;
  if (draft.pending && !pending && !withheld.some((w) => w.fieldId === draft.pending!.fieldId && !w.header)) {
    withheld.push({ fieldId: draft.pending.fieldId });
  }
  if (withheld.length === 0) return draft;
  const edits = toEdits({ original, edits: fields, undo: [], redo: [] }).map((e) => ({ path: [...e.path], ...(e.remove ? { remove: true } : { value: e.value }) }));
  const { pending: _dropped, ...rest } = draft;
  return { ...rest, edits, fields: Object.fromEntries(fields), ...(pending ? { pending } : {}), withheld };
}

/** How the restore asks for withheld secrets: "Proxy password, header Authorization of Extra headers". */
export function withheldLabel(withheld: readonly WithheldSecret[]): string {
  return withheld
    .map((w) => {
      const label = findDescriptor(w.fieldId)?.label ?? w.fieldId;
      return w.header ? `${label} ${w.header}` : label;
    })
    .join(', ');
}

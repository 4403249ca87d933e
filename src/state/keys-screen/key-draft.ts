/**
 * Half-typed key edits as drafts (one per editor, like the provider form's):
 * the text of the open prompt or list/map editor, saved on every keystroke:
 * a key's field, rotate, a re-weight (of one key or of all marked ones, the
 * draft names them) and the add flow (name, value and models of the new key).
 * A typed secret value is never written: the draft records that it was
 * typed, and the restore asks for it again. A kept draft is offered as a
 * question (restore or discard) when the keys screen opens.
 */
import type { Key } from '../../api/wire.js';
import { isReferenceText } from '../provider/env-var.js';
import type { Draft } from '../local-types.js';
import { keyCollectionDraftValue } from './key-collections.js';
import { findKeyField } from '../keys/key-fields.js';
import { targetKeys, type EditorMode, type KeyDraftReopen, type KeysScreenState } from './keys-state.js';

/** The draft store's "provider" slot of one key's drafts: apart from the provider form's own drafts. */
export const keyDraftSlot = (provider: string, keyId: string): string => `${provider}/keys/${keyId}`;

/** The slot of the add flow's draft (a new key has no id yet). */
export const newKeyDraftSlot = (provider: string): string => `${provider}/new-key`;

/** The add flow's steps and which text of the new key each collects. */
const ADD_TEXTS = { 'add-name': 'name', 'add-value': 'value', 'add-models': 'models' } as const;
type AddStep = keyof typeof ADD_TEXTS;
const isAddStep = (id: string): id is AddStep => id in ADD_TEXTS;

const typedSecret = (text: string): boolean => text.trim() !== '' && !isReferenceText(text.trim());

/** Where the open editor's draft goes and what it holds, or undefined when nothing is being typed. */
export function keyDraftFor(s: KeysScreenState, savedAt: string): { slot: string; draft: Draft } | undefined {
  const m = s.mode;
  if (m.kind !== 'prompt' && m.kind !== 'collection') return undefined;
  if (m.kind === 'prompt' && isAddStep(m.for)) return { slot: newKeyDraftSlot(s.provider), draft: addDraft(m, savedAt) };
  const targets = m.kind === 'prompt' && m.for !== 'field' ? targetKeys(s) : [s.keys[s.cursor]].filter((k): k is Key => k !== undefined);
  const key = targets[0];
  if (!key?.id) return undefined;
  const draft = keyDraftOf(m, key, savedAt);
  if (m.kind === 'prompt' && m.for === 'weight') draft.targets = targets.map((k) => k.id ?? '');
  return { slot: keyDraftSlot(s.provider, key.id), draft };
}

/** The draft of an editor open on `key` (a field, rotate, weight). */
export function keyDraftOf(m: EditorMode, key: Key, savedAt: string): Draft {
  const base: Draft = { original: key as Record<string, unknown>, edits: [], savedAt };
  if (m.kind === 'collection') return { ...base, pending: { fieldId: `field:${m.collection.fieldId}`, text: JSON.stringify(keyCollectionDraftValue(m.collection) ?? {}) } };
  const fieldId = m.for === 'field' ? `field:${m.fieldId}` : m.for;
  const text = m.editor.text;
  return m.masked && typedSecret(text) ? { ...base, withheld: [{ fieldId }] } : { ...base, pending: { fieldId, text } };
}

/** The add flow's draft: every step's text, the value only when it is a reference. */
function addDraft(m: Extract<EditorMode, { kind: 'prompt' }>, savedAt: string): Draft {
  const texts: Record<string, string> = {};
  for (const [step, name] of Object.entries(ADD_TEXTS)) {
    const text = step === m.for ? m.editor.text : m.draft?.[name];
    if (typeof text === 'string') texts[step] = text;
  }
  const secret = typedSecret(texts['add-value'] ?? '');
  if (secret) delete texts['add-value'];
  const fields = Object.fromEntries(Object.entries(texts).map(([id, text]) => [id, { text, parsed: true }]));
  // A typed value not kept: the restore starts at the value step.
  const pending = secret ? { fieldId: 'add-value', text: '' } : { fieldId: m.for, text: m.editor.text };
  return { original: {}, edits: [], savedAt, fields, pending, ...(secret ? { withheld: [{ fieldId: 'add-value' }] } : {}) };
}

/** What a stored key draft reopens, or undefined when it holds nothing this screen can reopen. */
export function keyDraftPrompt(d: Draft): KeyDraftReopen | undefined {
  const withheld = d.withheld?.[0];
  const targets = d.targets ? { targets: d.targets } : {};
  const id = d.pending?.fieldId ?? withheld?.fieldId;
  if (!id) return undefined;
  if (isAddStep(id)) {
    const texts = Object.fromEntries(Object.entries(d.fields ?? {}).map(([k, f]) => [k, f.text]));
    return { id, text: withheld ? '' : (d.pending?.text ?? ''), secretWithheld: withheld !== undefined, texts };
  }
  if (d.pending) return { id, text: d.pending.text, secretWithheld: false, ...targets };
  return { id, text: '', secretWithheld: true, ...targets };
}

const quoted = (k: Key | undefined, id: string): string => `"${k?.name ?? id}"`;

/** One line naming a kept draft: what was being typed, for which key, and the text (never a secret). */
export function describeKeyDraft(r: KeyDraftReopen, keys: readonly Key[], keyId: string | undefined): string {
  const byId = (id: string): Key | undefined => keys.find((k) => k.id === id);
  const on = quoted(keyId ? byId(keyId) : undefined, keyId ?? '?');
  if (isAddStep(r.id)) {
    const models = r.texts?.['add-models'];
    return `new key "${r.texts?.['add-name'] ?? ''}"${models ? `, models ${models}` : ''}${r.secretWithheld ? ' (typed value not kept)' : ''}`;
  }
  if (r.id === 'rotate') return `new value of ${on}${r.secretWithheld ? ' (typed value not kept)' : `: ${r.text}`}`;
  if (r.id === 'weight') return `weight of ${(r.targets ?? [keyId ?? '?']).map((id) => quoted(byId(id), id)).join(', ')}: ${r.text}`;
  const d = findKeyField(r.id.slice('field:'.length));
  const label = d?.label ?? r.id;
  if (r.secretWithheld) return `${label} of ${on} (typed value not kept)`;
  return `${label} of ${on}: ${d && (d.kind === 'list' || d.kind === 'map') ? d.format(collectionDraftValue(r.text)) : r.text}`;
}

/** The value a list/map field's draft holds (JSON; undefined when unreadable). */
export function collectionDraftValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Half-typed key edits as drafts (one per editor, like the provider form's):
 * the prompt's text, saved on every keystroke, offered when that key's form
 * opens again. A typed secret value is never written: the draft records that
 * it was typed, and the restore asks for it again.
 */
import type { Key } from '../../api/wire.js';
import { isReferenceText } from '../form/env-var.js';
import type { Draft } from '../local-types.js';
import type { PromptMode } from './keys-screen.js';

/** The draft store's "provider" slot of one key's drafts: apart from the provider form's own drafts. */
export const keyDraftSlot = (provider: string, keyId: string): string => `${provider}/keys/${keyId}`;

/** Prompts that edit an existing key (the add flow has no key to come back to). */
const EDITS_A_KEY = new Set(['field', 'rotate', 'weight']);

/** Which prompt a draft was typed in: `field:<id>`, `rotate`, `weight`. */
const promptId = (m: PromptMode): string => (m.for === 'field' ? `field:${m.fieldId}` : m.for);

/** The draft of a prompt open on `key`, or undefined when the prompt edits no existing key. */
export function keyDraftOf(m: PromptMode, key: Key, savedAt: string): Draft | undefined {
  if (!EDITS_A_KEY.has(m.for)) return undefined;
  const text = m.editor.text;
  const secret = m.masked && text.trim() !== '' && !isReferenceText(text.trim());
  const fieldId = promptId(m);
  return { original: key as Record<string, unknown>, edits: [], savedAt, ...(secret ? { withheld: [{ fieldId }] } : { pending: { fieldId, text } }) };
}

/** What a stored key draft reopens: the prompt's id, its text, and whether a typed secret must be typed again. */
export function keyDraftPrompt(d: Draft): { id: string; text: string; secretWithheld: boolean } | undefined {
  if (d.pending) return { id: d.pending.fieldId, text: d.pending.text, secretWithheld: false };
  const w = d.withheld?.[0];
  return w ? { id: w.fieldId, text: '', secretWithheld: true } : undefined;
}

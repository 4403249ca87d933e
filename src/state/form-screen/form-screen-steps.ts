/** Steps of the form screen's reducer that do not dispatch: focus, jumps, drafts, the save checks. Pure. */
import type { Provider } from '../../api/wire.js';
import type { Draft } from '../local-types.js';
import { descriptor, findDescriptor } from '../provider/descriptors.js';
import type { DiffEntry } from '../provider/diff.js';
import { buildBody, createFormState, dirtyCount, rebase, setFieldValue, toEdits, type FieldEdit, type FormState } from '../provider/edit-model.js';
import { flagsValue } from './flags-grid.js';
import { mapValue } from '../editors/map-editor.js';
import { checkPlan } from '../write-rules/check.js';
import { keptNote, reviewWrite, type WritePlan, type WriteTarget } from '../write-rules/review.js';
import { validateForm } from '../provider/validate.js';
import { settleCursor, withForm, type FormScreenState, type StatusMessage } from './form-screen-state.js';

export const browse = { kind: 'browse' } as const;

export function focusedField(s: FormScreenState): string | undefined {
  const row = s.rows[s.cursor];
  // "Other" rows are not form fields: nothing there can be reverted, reset or revealed.
  return row?.type === 'field' ? row.fieldId : undefined;
}

/**
 * The form as it is once the open map editor or flags grid is closed with its changes (what `done`
 * commits); the form itself otherwise. The header counts changes from it while such an editor is open.
 */
export function formWithOpenEditor(s: FormScreenState): FormState {
  if (s.mode.kind === 'map') return setFieldValue(s.form, s.mode.fieldId, mapValue(s.mode.map));
  if (s.mode.kind === 'flags') return setFieldValue(s.form, s.mode.fieldId, flagsValue(s.mode.grid) ?? null);
  return s.form;
}

export function setFormState(s: FormScreenState, form: FormState, message?: StatusMessage): FormScreenState {
  return { ...withForm(s, { form }), message };
}

/** Restores typed field edits from a draft onto a form over `provider`. */
export function restoreDraft(provider: Provider, draft: Draft): { form: FormState; overlaps: string[] } {
  const fields = draft.fields ?? {};
  const edits = new Map<string, FieldEdit>();
  for (const [id, e] of Object.entries(fields)) if (findDescriptor(id)) edits.set(id, e as FieldEdit);
  const onDraftBase: FormState = { ...createFormState(draft.original as Provider), edits };
  const { state, overlaps } = rebase(onDraftBase, provider);
  return { form: { ...state, undo: [new Map()], redo: [] }, overlaps };
}

export function jumpToField(s: FormScreenState, fieldId: string): FormScreenState {
  let next = s;
  const section = descriptor(fieldId).section;
  if (next.collapsed.has(section)) {
    const collapsed = new Set(next.collapsed);
    collapsed.delete(section);
    next = withForm(next, { collapsed });
  }
  const idx = next.rows.findIndex((r) => r.type !== 'section' && r.fieldId === fieldId);
  return idx >= 0 ? settleCursor(next, idx) : next;
}

export function requestSave(s: FormScreenState): FormScreenState {
  if (s.readOnly) return { ...s, message: { text: 'read-only profile: saving is disabled', role: 'warn' } };
  const errors = validateForm(s.form);
  if (errors.length > 0) {
    const first = jumpToField(s, errors[0]!.fieldId);
    const n = errors.length;
    return { ...first, mode: browse, message: { text: `${n} error${n === 1 ? '' : 's'} to fix before saving (n: next error): ${errors[0]!.message}`, role: 'error' } };
  }
  if (dirtyCount(s.form) === 0 && !s.isNew) return { ...s, mode: browse, message: { text: 'nothing to save: no field differs from the gateway', role: 'muted' } };
  return { ...s, mode: { kind: 'checking' }, message: { text: 'checking the gateway for changes…', role: 'muted' } };
}

/** What the form writes: its provider. */
export const formTarget = (s: FormScreenState): WriteTarget => ({ kind: 'provider', name: s.name });

/** The form's plan for the write pipeline: a new provider's complete body, else the edits of the copy it loaded. */
export function formPlan(s: FormScreenState): WritePlan {
  const base = s.form.original as Record<string, unknown>;
  return s.isNew ? { action: 'create', body: buildBody(s.form) } : { action: 'update', base, edits: toEdits(s.form) };
}

/** The review of the form's plan against the gateway's copy `current` (null: not configured), or a message when it changes nothing. */
export function reviewOn(s: FormScreenState, current: Provider | null, overwrite: boolean): FormScreenState {
  const review = reviewWrite(formTarget(s), formPlan(s), current as Record<string, unknown> | null, s.dialect);
  const kept = keptNote(review);
  // What the rules refuse (the editor's, or this gateway version's) is said here: nothing would be sent.
  if (review.problems.length > 0) return { ...s, mode: browse, message: { text: `not saving: ${review.problems[0]!}`, role: 'error' } };
  if (review.plan.action === 'update' && review.changes.length === 0) {
    return { ...s, mode: browse, message: { text: `nothing to save: the gateway already has these values${kept ? `; ${kept}` : ''}`, role: 'muted' } };
  }
  return { ...s, mode: { kind: 'review', review, overwrite }, message: undefined };
}

/** The conflict screen: what changed on the gateway since the form's copy, and the fields both sides changed. */
export function conflictOn(s: FormScreenState, current: Provider, changes: DiffEntry[], message?: StatusMessage): FormScreenState {
  const { overlaps } = rebase(s.form, current);
  return { ...s, mode: { kind: 'conflict', current, changes, overlaps }, message };
}

/** The pipeline's check of the form against the gateway's copy just read (`fresh`; null: not configured there). */
export function checked(s: FormScreenState, fresh: Provider | null): FormScreenState {
  const outcome = checkPlan(formTarget(s), formPlan(s), fresh as Record<string, unknown> | null, s.dialect);
  switch (outcome.kind) {
    case 'review':
    case 'unchanged':
      return reviewOn(s, fresh, false);
    case 'conflict':
      if (outcome.reason === 'deleted') return { ...s, mode: browse, message: { text: `${s.name} no longer exists on the gateway; not saving (a PUT would re-create it)`, role: 'error' } };
      // A "new" provider someone created meanwhile exists now: from here on, saving updates (and backs up) theirs.
      return conflictOn({ ...s, isNew: false }, outcome.current as Provider, outcome.theirs);
    case 'refused':
      return { ...s, mode: browse, message: { text: outcome.message, role: 'error' } };
  }
}

/** Edits whose text did not parse count as unsaved work too. */
export function hasInvalidEdits(form: FormState): boolean {
  for (const e of form.edits.values()) if (!e.parsed) return true;
  return false;
}

/** True when leaving would lose work. */
export function hasUnsavedWork(s: FormScreenState): boolean {
  return dirtyCount(s.form) > 0 || hasInvalidEdits(s.form);
}

/**
 * The provider form screen's reducer. Pure: effects (GET, PUT, drafts,
 * history) are done by the screen's controller, which dispatches the
 * `*-started/succeeded/failed` actions below.
 */
import type { Provider } from '../../api/wire.js';
import { moveTarget, type CursorMove } from '../cursor-window.js';
import type { Draft, StoredDraft } from '../local-types.js';
import { withheldLabel } from './draft-secrets.js';
import { descriptor, findDescriptor } from '../provider/descriptors.js';
import {
  createFormState, dirtyCount, editText, effectiveValue, rebase, resetFieldToDefault, revertAll, revertField, setField,
  setFieldValue, undo, redo,
} from '../provider/edit-model.js';
import type { SectionId } from '../provider/types.js';
import { nextError } from '../provider/validate.js';
import { flagsReducer, openFlagsGrid, type FlagsAction } from './flags-grid.js';
import { editLine, lineEditor, selectedLineEditor, type LineEdit } from '../editors/line-editor.js';
import { mapReducer, openMapEditor, type MapAction } from '../editors/map-editor.js';
import { settleCursor, withForm, type FormScreenState, type StatusMessage } from './form-screen-state.js';
import { jumpToAdjacentSection, jumpToSectionNumber } from './section-nav.js';
import { READ_ONLY_NOTE } from './form-screen-steps.js';
import {
  browse, checked, conflictOn, focusedField, formWithOpenEditor, hasInvalidEdits, jumpToField, requestSave, restoreDraft, reviewOn, setFormState,
} from './form-screen-steps.js';
import type { WriteOutcome } from '../write-rules/outcome.js';
import type { WriteDialect } from '../write-rules/dialect.js';


export type FormScreenAction =
  | { type: 'load-started' }
  /** `drafts`: unrecovered drafts to offer, newest first (`draft`: just one). */
  | { type: 'load-succeeded'; provider: Provider; isNew: boolean; draft?: Draft; drafts?: StoredDraft[]; push?: { from: string; to: string; draft: Draft } }
  | { type: 'load-failed'; message: string }
  | { type: 'viewport'; height: number }
  | CursorMove
  | { type: 'section-jump'; direction: 1 | -1 }
  | { type: 'section-index'; index: number }
  | { type: 'toggle-section' }
  | { type: 'activate' }
  | { type: 'line'; op: LineEdit }
  | { type: 'commit-edit' }
  | { type: 'cancel' }
  | { type: 'revert-field' }
  | { type: 'reset-field' }
  | { type: 'revert-all' }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'next-error' }
  | { type: 'toggle-reveal' }
  | { type: 'open-pem' }
  | { type: 'set-field-text'; fieldId: string; text: string }
  | { type: 'map'; action: MapAction }
  | { type: 'map-done' }
  | { type: 'flags'; action: FlagsAction }
  | { type: 'flags-done' }
  | { type: 'draft-restore' }
  | { type: 'draft-discard' }
  | { type: 'save-requested' }
  /** The gateway's copy read for a save, and its write dialect (its Bifrost version). */
  | { type: 'fresh-fetched'; fresh: Provider | null; dialect?: WriteDialect }
  /** The gateway's Bifrost line is known: its defaults for unset network settings. */
  | { type: 'gateway-known'; networkDefaults: Readonly<Record<string, number>> }
  | { type: 'conflict-reapply' }
  | { type: 'conflict-overwrite' }
  | { type: 'review-confirm'; at: number }
  /** The review screen has been drawn: from now on it can be confirmed. */
  | { type: 'review-shown' }
  /** What the write pipeline did with the confirmed review (`at`: the clock, for the message). */
  | { type: 'write-finished'; outcome: WriteOutcome; at: string }
  | { type: 'save-failed'; message: string }
  | { type: 'leave-requested'; then: 'back' | 'quit' }
  /** d in the leave or draft question: ask yes/no before anything is discarded (`ask: false`: the answer was no). */
  | { type: 'discard-asked'; ask: boolean }
  | { type: 'message'; message: StatusMessage | undefined };

/** Offers the first of `drafts` (the rest after it), or stays as is when there is none. */
function offerDraft(s: FormScreenState, drafts: readonly StoredDraft[]): FormScreenState {
  const [first, ...more] = drafts;
  return first ? { ...s, mode: { kind: 'draft', draft: first.draft, ...(first.editor === undefined ? {} : { editor: first.editor }), more } } : s;
}

/** A push from another gateway: its fields become edits of the copy just loaded, for the usual review and save. */
function pushed(s: FormScreenState, push: { from: string; to: string; draft: Draft }): FormScreenState {
  const { form, overlaps } = restoreDraft(s.form.original, push.draft);
  const n = dirtyCount(form);
  const also = overlaps.length ? `; ${push.to} also changed ${overlaps.join(', ')} since the fleet read it (the pushed values are kept)` : '';
  const text = `push ${push.from} → ${push.to}: ${n} field${n === 1 ? '' : 's'} of ${s.name} as edits; ^S reviews the push${also}`;
  return { ...setFormState(s, form, { text, role: overlaps.length ? 'warn' : 'muted' }), mode: browse, push: { from: push.from, to: push.to } };
}

function activate(s: FormScreenState): FormScreenState {
  const row = s.rows[s.cursor];
  if (!row) return s;
  if (row.type === 'section') return reduceFormScreen(s, { type: 'toggle-section' });
  if (row.type === 'other') return { ...s, message: { text: `${row.label} is not editable here; it is sent back unchanged`, role: 'muted' } };
  if (row.readOnly) return { ...s, message: { text: `${row.label} is read-only (${row.help})`, role: 'muted' } };
  const d = descriptor(row.fieldId);
  const value = effectiveValue(s.form, d.id);
  switch (d.kind) {
    case 'toggle':
      return setFormState(s, setFieldValue(s.form, d.id, value !== true));
    case 'enum': {
      const options = d.options ?? [];
      const current = typeof value === 'string' && value ? value : String(d.default ?? options[0]);
      const next = options[(options.indexOf(current) + 1) % options.length] ?? current;
      return setFormState(s, setFieldValue(s.form, d.id, next));
    }
    case 'map':
      return { ...s, mode: { kind: 'map', fieldId: d.id, map: openMapEditor(value, d.mapOfBool ?? false) }, message: undefined };
    case 'flags':
      return { ...s, mode: { kind: 'flags', fieldId: d.id, grid: openFlagsGrid(value) }, message: undefined };
    case 'multiline':
      return { ...s, mode: { kind: 'pem', fieldId: d.id, editor: lineEditor('') }, message: undefined };
    default:
      // The value opens selected: typing replaces it, cursor keys and Backspace edit it.
      return { ...s, mode: { kind: 'edit', fieldId: d.id, editor: selectedLineEditor(editText(s.form, d.id)), secret: d.secret ?? false }, message: undefined };
  }
}

/** The form after the pipeline's commit: saved (the confirming read is the new copy), a conflict, or why not. */
function writeFinished(s: FormScreenState, outcome: WriteOutcome, at: string): FormScreenState {
  const failed = (text: string): FormScreenState => ({ ...s, mode: browse, leaveAfterSave: undefined, message: { text, role: 'error' } });
  switch (outcome.kind) {
    case 'written': {
      const copy = (outcome.confirmed ?? outcome.response ?? outcome.review.current) as Provider;
      const status = [copy.provider_status, copy.status].filter(Boolean).join(', ');
      const warn = outcome.notes.length > 0 || copy.provider_status === 'error' || Boolean(copy.status);
      const done = s.push ? `pushed ${s.name} from ${s.push.from} to ${s.push.to}` : `saved ${s.name}`;
      const text = `${done} at ${at}${outcome.confirmed ? ` · status ${status || 'unknown'}` : ''}${outcome.notes.length ? `; ${outcome.notes[0]}` : ''}`;
      return {
        ...setFormState(s, createFormState(copy), { text, role: warn ? 'warn' : 'ok' }),
        mode: browse, isNew: false, leaveAfterSave: undefined, leaveNow: s.leaveAfterSave, push: undefined,
      };
    }
    case 'conflict':
      if (outcome.reason === 'deleted') return failed(`${s.name} was deleted on the gateway since the review: nothing was written (a PUT would re-create it)`);
      return { ...conflictOn({ ...s, isNew: false }, outcome.current as Provider, outcome.theirs, { text: `${s.name} changed on the gateway while you reviewed: nothing was written`, role: 'warn' }) };
    case 'refused':
      return failed(outcome.why === 'gateway' ? `${s.push ? 'push' : 'save'} failed, nothing lost: ${outcome.message}` : outcome.message);
    case 'may-have-landed':
      return failed(`${s.push ? 'push' : 'save'} failed, nothing lost: ${outcome.message} (the write may still have reached the gateway: reload before saving again)`);
  }
}

export function reduceFormScreen(s: FormScreenState, a: FormScreenAction): FormScreenState {
  switch (a.type) {
    case 'load-started':
      return { ...s, phase: s.phase === 'ready' ? 'ready' : 'loading', message: s.phase === 'ready' ? { text: 'reloading…', role: 'muted' } : undefined };
    case 'load-succeeded': {
      const base = { ...s, phase: 'ready' as const, isNew: a.isNew, loadError: undefined };
      // A read-only profile says so as the form opens: its save keys are not offered, and answer with this line.
      const opened = s.readOnly ? { text: READ_ONLY_NOTE, role: 'warn' as const }
        : a.isNew ? { text: `${s.name} is not configured on this gateway yet: saving creates it`, role: 'warn' as const } : undefined;
      const next = setFormState(base, createFormState(a.provider), opened);
      if (a.push) return pushed(next, a.push);
      return offerDraft(next, a.drafts ?? (a.draft ? [{ draft: a.draft }] : []));
    }
    case 'load-failed':
      return s.phase === 'ready' ? { ...s, message: { text: a.message, role: 'error' } } : { ...s, phase: 'error', loadError: a.message };
    case 'viewport': {
      const h = Math.max(1, a.height);
      return h === s.viewport ? s : settleCursor({ ...s, viewport: h }, s.cursor);
    }
    // A status message answers the last key (lazygit's way): moving on clears it (a section jump too, see showSection).
    case 'move':
    case 'page':
    case 'first':
    case 'last':
      return settleCursor(s.message ? { ...s, message: undefined } : s, moveTarget(s.cursor, a, s.rows.length, s.viewport));
    case 'section-jump':
      return jumpToAdjacentSection(s, a.direction);
    case 'section-index':
      return jumpToSectionNumber(s, a.index);
    case 'toggle-section': {
      const row = s.rows[s.cursor];
      if (!row) return s;
      const section: SectionId = row.section;
      const collapsed = new Set(s.collapsed);
      if (collapsed.has(section)) collapsed.delete(section);
      else collapsed.add(section);
      const next = withForm(s, { collapsed });
      return settleCursor(next, next.rows.findIndex((r) => r.type === 'section' && r.section === section));
    }
    case 'activate':
      return activate(s);
    case 'line':
      if (s.mode.kind === 'edit' || s.mode.kind === 'pem') return { ...s, mode: { ...s.mode, editor: editLine(s.mode.editor, a.op) } };
      return s;
    case 'commit-edit': {
      if (s.mode.kind === 'edit') return { ...setFormState(s, setField(s.form, s.mode.fieldId, s.mode.editor.text)), mode: browse };
      return s;
    }
    case 'set-field-text':
      return { ...setFormState(s, setField(s.form, a.fieldId, a.text)), mode: browse };
    case 'cancel':
      return { ...s, mode: browse, message: undefined, leaveAfterSave: undefined };
    case 'revert-field': {
      const id = focusedField(s);
      return id ? setFormState(s, revertField(s.form, id)) : s;
    }
    case 'reset-field': {
      const id = focusedField(s);
      if (!id) return s;
      const next = resetFieldToDefault(s.form, id);
      return setFormState(s, next, next === s.form ? { text: 'this field has no gateway default to reset to', role: 'muted' } : { text: `${descriptor(id).label} reset to the gateway default`, role: 'muted' });
    }
    case 'revert-all':
      return setFormState(s, revertAll(s.form), { text: 'all edits reverted (u undoes)', role: 'muted' });
    case 'undo':
      return s.form.undo.length ? setFormState(s, undo(s.form)) : { ...s, message: { text: 'nothing to undo', role: 'muted' } };
    case 'redo':
      return s.form.redo.length ? setFormState(s, redo(s.form)) : { ...s, message: { text: 'nothing to redo', role: 'muted' } };
    case 'next-error': {
      const id = nextError(s.form, focusedField(s));
      return id ? jumpToField(s, id) : { ...s, message: { text: 'no errors', role: 'ok' } };
    }
    case 'toggle-reveal': {
      const id = focusedField(s);
      if (!id || !findDescriptor(id)?.secret) return s;
      const reveal = new Set(s.reveal);
      if (reveal.has(id)) reveal.delete(id);
      else reveal.add(id);
      return withForm(s, { reveal });
    }
    case 'open-pem': {
      const id = focusedField(s);
      return id && findDescriptor(id)?.kind === 'multiline' ? { ...s, mode: { kind: 'pem', fieldId: id, editor: lineEditor('') } } : s;
    }
    case 'map':
      return s.mode.kind === 'map' ? { ...s, mode: { ...s.mode, map: mapReducer(s.mode.map, a.action) } } : s;
    case 'map-done':
      if (s.mode.kind !== 'map') return s;
      return { ...setFormState(s, formWithOpenEditor(s)), mode: browse };
    case 'flags':
      return s.mode.kind === 'flags' ? { ...s, mode: { ...s.mode, grid: flagsReducer(s.mode.grid, a.action) } } : s;
    case 'flags-done':
      if (s.mode.kind !== 'flags') return s;
      return { ...setFormState(s, formWithOpenEditor(s)), mode: browse };
    case 'draft-restore': {
      if (s.mode.kind !== 'draft') return s;
      const { form, overlaps } = restoreDraft(s.form.original, s.mode.draft);
      const more = s.mode.more.length;
      const msg = (overlaps.length
        ? `draft restored; the gateway also changed ${overlaps.join(', ')} since (your values kept)`
        : `draft restored (${dirtyCount(form)} changed field${dirtyCount(form) === 1 ? '' : 's'})`) +
        (more ? `; ${more} more unsaved draft${more === 1 ? '' : 's'} of ${s.name} kept on disk, offered next time you open it` : '');
      const withheld = (s.mode.draft.withheld ?? []).filter((w) => findDescriptor(w.fieldId));
      const message = withheld.length
        ? { text: `${msg}; type again: ${withheldLabel(withheld)} (typed secrets are not kept in drafts)`, role: 'warn' as const }
        : { text: msg, role: overlaps.length || more ? ('warn' as const) : ('ok' as const) };
      const next = { ...setFormState(s, form, message), mode: browse, consumedDraft: { editor: s.mode.editor } } as FormScreenState;
      const pending = s.mode.draft.pending;
      if (pending && findDescriptor(pending.fieldId)) {
        const at = jumpToField(next, pending.fieldId);
        return { ...at, mode: { kind: 'edit', fieldId: pending.fieldId, editor: lineEditor(pending.text), secret: descriptor(pending.fieldId).secret ?? false } };
      }
      // Ask for the first secret that was typed but not kept: its field opens, empty.
      const ask = withheld[0] && descriptor(withheld[0].fieldId);
      if (ask) {
        const at = jumpToField(next, ask.id);
        if (ask.kind !== 'text' && ask.kind !== 'secret') return at;
        return { ...at, mode: { kind: 'edit', fieldId: ask.id, editor: lineEditor(''), secret: ask.secret ?? false } };
      }
      return next;
    }
    case 'draft-discard': {
      if (s.mode.kind !== 'draft') return s;
      const next = offerDraft({ ...s, mode: browse, consumedDraft: { editor: s.mode.editor } }, s.mode.more);
      return { ...next, message: { text: `draft discarded${s.mode.more.length ? `; ${s.mode.more.length} more to look at` : ''}`, role: 'muted' } };
    }
    case 'save-requested': {
      if (s.mode.kind !== 'browse' && s.mode.kind !== 'leave') return s;
      const leaveAfterSave = s.mode.kind === 'leave' ? s.mode.then : undefined;
      const next = requestSave({ ...s, leaveAfterSave });
      return next.mode.kind === 'checking' ? next : { ...next, leaveAfterSave: undefined };
    }
    case 'fresh-fetched':
      return s.mode.kind === 'checking' ? checked(a.dialect ? { ...s, dialect: a.dialect } : s, a.fresh) : s;
    case 'gateway-known':
      return withForm(s, { networkDefaults: a.networkDefaults });
    case 'conflict-reapply': {
      if (s.mode.kind !== 'conflict') return s;
      const current = s.mode.current;
      // Entry by entry: a map entry the user did not touch keeps the gateway's value.
      const { state } = rebase(s.form, current);
      return reviewOn({ ...withForm(s, { form: state }), isNew: false }, current, false);
    }
    case 'conflict-overwrite':
      // The form's own copy plus its edits, against the gateway's: the review lists everything of theirs it reverts.
      return s.mode.kind === 'conflict' ? reviewOn({ ...s, isNew: false }, s.mode.current, true) : s;
    case 'review-confirm':
      // Only a review the user could see is confirmed: a `y` typed ahead of it is dropped.
      return s.mode.kind === 'review' && s.mode.shown ? { ...s, mode: { kind: 'saving', startedAt: a.at, review: s.mode.review }, message: undefined } : s;
    case 'review-shown':
      return s.mode.kind === 'review' && !s.mode.shown ? { ...s, mode: { ...s.mode, shown: true } } : s;
    case 'write-finished':
      return s.mode.kind === 'saving' ? writeFinished(s, a.outcome, a.at) : s;
    case 'save-failed':
      return { ...s, mode: browse, leaveAfterSave: undefined, message: { text: `save failed, nothing lost: ${a.message}`, role: 'error' } };
    case 'leave-requested':
      return dirtyCount(s.form) > 0 || hasInvalidEdits(s.form) ? { ...s, mode: { kind: 'leave', then: a.then } } : s;
    case 'discard-asked':
      return s.mode.kind === 'leave' || s.mode.kind === 'draft' ? { ...s, mode: { ...s.mode, discarding: a.ask || undefined } } : s;
    case 'message':
      return { ...s, message: a.message };
  }
}


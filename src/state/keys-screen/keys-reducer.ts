/**
 * The keys screen's reducer (pure): the key list, marks, and the action flow
 * prompt → review → saving → done/conflict/failed. The review holds exactly
 * the writes that will be sent (DESIGN.md safe-save rule 7); the write
 * pipeline commits them (ui/screens/keys/use-keys-controller.ts).
 */
import type { Edit } from '../../api/update-body.js';
import type { Key } from '../../api/wire.js';
import { getAtPath } from '../../api/update-body.js';
import { editLine, lineEditor } from '../editors/line-editor.js';
import { parseNumber } from '../provider/parsers.js';
import { isParseError } from '../provider/types.js';
import { parseModelList } from '../keys/allow-list.js';
import { enabledEdit, rotateEdit, weightEdit } from '../keys/key-edits.js';
import { KEY_FIELDS, type KeyFieldDescriptor } from '../keys/key-fields.js';
import { isKeySecretOn } from '../keys/key-diff.js';
import { reapplyEdits } from '../write-rules/reapply.js';
import { isCollectionField, keyCollectionReducer, keyCollectionValue, openKeyCollection } from './key-collections.js';
import { collectionDraftValue } from './key-draft.js';
import { conflictLines, keyName, keyReview, reviewLines } from './keys-review.js';
import {
  keyFormRows, targetKeys,
  type CollectionMode, type EditorMode, type KeyDraftOffer, type KeyDraftReopen, type KeysAction, type KeysMode, type KeysScreenState, type KeyWrite, type PromptFor,
} from './keys-state.js';

/** Writes that change something, as the write pipeline reviews them; a review of none is a message instead. */
function review(s: KeysScreenState, title: string, writes: KeyWrite[], from?: EditorMode): KeysScreenState {
  const reviewed = writes.map((w) => ({ w, review: keyReview(s.provider, w, s.dialect, s.carrier) }));
  const real = reviewed.filter(({ w, review: r }) => w.kind !== 'update' || r.changes.length > 0);
  if (real.length === 0) return { ...s, mode: { kind: 'list' }, message: { text: 'no changes: nothing to save', tone: 'ok' } };
  const problems = real.flatMap(({ review: r }) => r.problems);
  if (problems.length > 0) return from ? { ...s, mode: withError(from, problems[0]!) } : { ...s, mode: { kind: 'list' }, message: { text: problems[0]!, tone: 'error' } };
  const sent = real.map(({ w }) => w);
  return { ...s, mode: { kind: 'review', title, lines: reviewLines(s.provider, sent, s.dialect, s.carrier), writes: sent, from }, message: undefined };
}

const PROMPTS: Record<PromptFor, { label: string; masked: boolean }> = {
  rotate: { label: 'New value (typed masked; or env.NAME): ', masked: true },
  weight: { label: 'Weight (0-1): ', masked: false },
  'add-name': { label: 'Name of the new key: ', masked: false },
  'add-value': { label: 'Value (typed masked; or env.NAME): ', masked: true },
  'add-models': { label: 'Models (* = all, none, or a, b): ', masked: false },
  field: { label: '', masked: false },
};

/** Text typed into a key form field → the edit (or why not). */
function fieldEdit(key: Key, d: KeyFieldDescriptor, text: string): Edit | string {
  if (d.secret && text.trim() === '') return 'type the new value, or Esc to keep the current one';
  const r = d.parse(text);
  if (isParseError(r)) return r.error;
  const v = r.value;
  if (typeof v === 'number' && ((d.min !== undefined && v < d.min) || (d.max !== undefined && v > d.max))) return `from ${d.min} to ${d.max}`;
  const wire = d.toWire ? d.toWire(v, getAtPath(key, d.path)) : v;
  return wire === undefined ? { path: d.path, remove: true } : { path: d.path, value: wire };
}

function prompt(s: KeysScreenState, f: PromptFor, initial = '', draft?: Record<string, unknown>): KeysScreenState {
  return { ...s, message: undefined, mode: { kind: 'prompt', for: f, editor: lineEditor(initial), ...PROMPTS[f], draft } };
}

function commitPrompt(s: KeysScreenState, m: Extract<KeysMode, { kind: 'prompt' }>): KeysScreenState {
  const text = m.editor.text;
  const fail = (error: string): KeysScreenState => ({ ...s, mode: { ...m, error } });
  const targets = targetKeys(s);
  switch (m.for) {
    case 'field': {
      const key = s.keys[s.cursor]!;
      const d = KEY_FIELDS.find((f) => f.id === m.fieldId)!;
      const edit = fieldEdit(key, d, text);
      if (typeof edit === 'string') return fail(edit);
      return review(s, `Edit ${d.label} of ${keyName(key)}`, [{ kind: 'update', fetched: key, edits: [edit] }], m);
    }
    case 'rotate': {
      if (text.trim() === '') return fail('type the new value (Esc cancels)');
      const key = targets[0]!;
      return review(s, `Rotate the value of ${keyName(key)}`, [{ kind: 'update', fetched: key, edits: [rotateEdit(key, text)] }], m);
    }
    case 'weight': {
      const r = parseNumber(text);
      if (isParseError(r)) return fail(r.error);
      const w = r.value as number;
      if (!(w >= 0 && w <= 1)) return fail('the weight is from 0 to 1');
      return review(s, `Re-weight ${targets.map(keyName).join(', ')}`, targets.map((k) => ({ kind: 'update', fetched: k, edits: [weightEdit(w)] })), m);
    }
    case 'add-name':
      if (text.trim() === '') return fail('a name is required');
      if (s.keys.some((k) => k.name === text.trim())) return fail(`${provNameTaken(text.trim())}`);
      return prompt(s, 'add-value', String(m.draft?.value ?? ''), { ...m.draft, name: text.trim() });
    case 'add-value':
      if (text.trim() === '') return fail('type the value (Esc cancels)');
      return prompt(s, 'add-models', String(m.draft?.models ?? '*'), { ...m.draft, value: text });
    case 'add-models': {
      const r = parseModelList(text, s.dialect?.rules.models);
      if (isParseError(r)) return fail(r.error);
      const body: Record<string, unknown> = { name: m.draft?.name, value: m.draft?.value, models: r.value, weight: 1, enabled: true };
      return review(s, `Add key "${String(body.name)}" to ${s.provider}`, [{ kind: 'create', body }], { ...m, draft: { ...m.draft, models: text } });
    }
  }
}

/** The editor with a one-line error shown at it. */
function withError(m: EditorMode, error: string): EditorMode {
  return m.kind === 'prompt' ? { ...m, error } : { ...m, collection: { ...m.collection, map: { ...m.collection.map, error } } };
}

/** The list/map editor of the key under the cursor is done: its value, checked, goes to the review. */
function collectionDone(s: KeysScreenState, m: CollectionMode): KeysScreenState {
  const key = s.keys[s.cursor];
  const d = KEY_FIELDS.find((f) => f.id === m.collection.fieldId);
  if (!key || !d) return s;
  const original = getAtPath(key, d.path);
  const r = keyCollectionValue(m.collection, original);
  if ('error' in r) return { ...s, mode: withError(m, r.error) };
  const wire = d.toWire ? d.toWire(r.value, original) : r.value;
  const edit: Edit = wire === undefined ? { path: d.path, remove: true } : { path: d.path, value: wire };
  const next = review(s, `Edit ${d.label} of ${keyName(key)}`, [{ kind: 'update', fetched: key, edits: [edit] }], m);
  // Nothing changed: back to the key form rather than the list.
  return next.mode.kind === 'list' ? { ...next, mode: { kind: 'fields', cursor: m.fieldCursor } } : next;
}

/** The add step that collects each field of a new key, and which draft entry holds its text. */
const ADD_STEPS: readonly (readonly [PromptFor, string])[] = [['add-name', 'name'], ['add-value', 'value'], ['add-models', 'models']];

/**
 * The prompt a refused write was typed in, open again with every typed text
 * and the one-line error: in the add flow, at the step of the field the
 * gateway names (a duplicate name at Name), else where the user left it.
 */
export function reopenAt(from: EditorMode, field: string | undefined, error: string): EditorMode {
  if (from.kind === 'collection') return withError(from, error);
  const step = from.for.startsWith('add-') ? ADD_STEPS.find(([, f]) => f === field) : undefined;
  if (!step || step[0] === from.for) return { ...from, error };
  const draft = { ...from.draft, [from.for === 'add-models' ? 'models' : 'value']: from.editor.text };
  return { kind: 'prompt', for: step[0], editor: lineEditor(String(draft[step[1]] ?? '')), ...PROMPTS[step[0]], draft, error };
}

/** The add flow at the step a draft was typed in, with the other steps' texts. */
function restoreAdd(s: KeysScreenState, r: KeyDraftReopen): KeysScreenState {
  const t = r.texts ?? {};
  const draft = Object.fromEntries(([['name', t['add-name']], ['value', t['add-value']], ['models', t['add-models']]] as const).filter(([, v]) => v !== undefined));
  const opened = prompt(s, r.id as PromptFor, r.text, draft);
  const text = r.secretWithheld
    ? 'restored your unsaved new key: the typed value is never kept on disk, type it again (Esc discards the draft)'
    : 'restored your unsaved new key (Esc discards it)';
  return { ...opened, message: { text, tone: 'warn' } };
}

function restoreDraft(s: KeysScreenState, r: KeyDraftReopen, keyId?: string): KeysScreenState {
  if (r.id.startsWith('add-')) return restoreAdd(s, r);
  const cursor = keyId === undefined ? s.cursor : s.keys.findIndex((k) => k.id === keyId);
  const key = s.keys[cursor];
  if (!key) return { ...s, mode: { kind: 'list' }, message: { text: 'the key of this draft is no longer on the gateway: nothing to restore it on', tone: 'warn' } };
  const at = { ...s, cursor, marked: new Set<string>() };
  let opened: KeysScreenState;
  if (r.id.startsWith('field:')) {
    const row = keyFormRows(key, s.kind).findIndex((x) => x.type === 'field' && x.d.id === r.id.slice('field:'.length));
    if (row < 0) return at;
    opened = keysReducer({ ...at, mode: { kind: 'fields', cursor: row } }, { type: 'edit-field' });
  } else if (r.id === 'rotate' || r.id === 'weight') {
    const marked = new Set((r.targets ?? []).filter((id) => s.keys.some((k) => k.id === id)));
    opened = prompt({ ...at, marked: marked.size > 1 ? marked : new Set() }, r.id);
  } else return at;
  if (opened.mode.kind === 'collection') {
    const d = KEY_FIELDS.find((f) => f.id === r.id.slice('field:'.length))!;
    const collection = openKeyCollection(d, collectionDraftValue(r.text), opened.dialect?.rules.models);
    return { ...opened, mode: { ...opened.mode, collection }, message: { text: `restored your unsaved edit of ${d.label} (Esc takes it to the review)`, tone: 'warn' } };
  }
  if (opened.mode.kind !== 'prompt') return at;
  const what = opened.mode.label.replace(/\s*[:(].*$/s, '') || r.id;
  const text = r.secretWithheld
    ? `restored your unsaved edit of ${what}: the typed value is never kept on disk, type it again (Esc discards the draft)`
    : `restored your unsaved edit of ${what} (Esc discards it)`;
  return { ...opened, mode: { ...opened.mode, editor: lineEditor(r.secretWithheld ? '' : r.text) }, message: { text, tone: 'warn' } };
}

/** The draft question: the first offer, or back to the list with `message` when none is left. */
function askDraft(s: KeysScreenState, offers: readonly KeyDraftOffer[], message?: KeysScreenState['message']): KeysScreenState {
  const [offer, ...more] = offers;
  return offer ? { ...s, mode: { kind: 'draft', offer, more }, message } : { ...s, mode: { kind: 'list' }, message };
}

const provNameTaken = (name: string): string => `"${name}" is taken: key names are unique across providers`;

export function keysReducer(s: KeysScreenState, a: KeysAction): KeysScreenState {
  switch (a.type) {
    case 'load-started':
      return { ...s, phase: s.keys.length ? s.phase : 'loading' };
    case 'load-succeeded': {
      const ids = new Set(a.keys.map((k) => k.id ?? ''));
      return { ...s, phase: 'ready', keys: a.keys, ...(a.dialect ? { dialect: a.dialect } : {}), ...(a.carrier ? { carrier: a.carrier } : {}), cursor: Math.min(s.cursor, Math.max(0, a.keys.length - 1)), marked: new Set([...s.marked].filter((id) => ids.has(id))) };
    }
    case 'load-failed':
      return { ...s, phase: s.keys.length ? s.phase : 'error', message: { text: a.message, tone: 'error' } };
    case 'move': {
      if (s.mode.kind === 'fields') {
        const n = s.keys[s.cursor] ? keyFormRows(s.keys[s.cursor]!, s.kind).length : 0;
        return { ...s, mode: { kind: 'fields', cursor: Math.min(Math.max(0, s.mode.cursor + a.delta), Math.max(0, n - 1)) } };
      }
      return { ...s, cursor: Math.min(Math.max(0, s.cursor + a.delta), Math.max(0, s.keys.length - 1)) };
    }
    case 'mark': {
      const id = s.keys[s.cursor]?.id;
      if (!id) return s;
      const marked = new Set(s.marked);
      if (marked.has(id)) marked.delete(id);
      else marked.add(id);
      return { ...s, marked, cursor: Math.min(s.cursor + 1, s.keys.length - 1) };
    }
    case 'set-enabled': {
      const targets = targetKeys(s);
      if (targets.length === 0) return s;
      return review(s, `${a.enabled ? 'Enable' : 'Disable'} ${targets.map(keyName).join(', ')}`, targets.map((k) => ({ kind: 'update', fetched: k, edits: [enabledEdit(a.enabled)] })));
    }
    case 'prompt': {
      if (a.for === 'add-name') {
        if (s.keyless) return { ...s, message: { text: `${s.provider} is keyless: it takes no keys`, tone: 'warn' } };
        return prompt(s, 'add-name');
      }
      const targets = targetKeys(s);
      if (targets.length === 0) return s;
      if (a.for === 'rotate' && targets.length > 1) return { ...s, message: { text: 'rotate one key at a time: unmark the others (Space)', tone: 'warn' } };
      return prompt(s, a.for, a.for === 'weight' && targets.length === 1 && targets[0]!.weight !== undefined ? String(targets[0]!.weight) : '');
    }
    case 'delete': {
      const targets = targetKeys(s);
      if (targets.length === 0) return s;
      return review(s, `Delete ${targets.map(keyName).join(', ')} of ${s.provider}? This cannot be undone on the gateway (a backup is kept locally).`, targets.map((k) => ({ kind: 'delete', fetched: k })));
    }
    case 'edit':
      return s.keys[s.cursor] ? { ...s, marked: new Set(), mode: { kind: 'fields', cursor: 0 }, message: undefined } : s;
    case 'edit-field': {
      if (s.mode.kind !== 'fields') return s;
      const key = s.keys[s.cursor];
      const row = key ? keyFormRows(key, s.kind)[s.mode.cursor] : undefined;
      if (!key || row?.type !== 'field') return { ...s, message: { text: 'this field is not known to this client: shown read-only and sent back as it is', tone: 'warn' } };
      const d = row.d;
      if (isCollectionField(d)) return { ...s, message: undefined, mode: { kind: 'collection', collection: openKeyCollection(d, row.value, s.dialect?.rules.models), fieldCursor: s.mode.cursor } };
      // A field the gateway's line shows plain (v2's endpoints, regions, URLs) is edited from its value, not typed masked.
      const secret = isKeySecretOn(d.id, s.dialect?.rules);
      const next = prompt(s, 'field', secret ? '' : d.format(row.value), { fieldCursor: s.mode.cursor });
      return next.mode.kind === 'prompt' ? { ...next, mode: { ...next.mode, label: `${d.label}: `, masked: secret, fieldId: d.id } } : next;
    }
    case 'line':
      return s.mode.kind === 'prompt' ? { ...s, mode: { ...s.mode, editor: editLine(s.mode.editor, a.op), error: undefined } } : s;
    case 'collection':
      return s.mode.kind === 'collection' ? { ...s, mode: { ...s.mode, collection: keyCollectionReducer(s.mode.collection, a.action) } } : s;
    case 'collection-done':
      return s.mode.kind === 'collection' ? collectionDone(s, s.mode) : s;
    case 'prompt-commit':
      return s.mode.kind === 'prompt' ? commitPrompt(s, s.mode) : s;
    case 'cancel':
      if (s.mode.kind === 'prompt' && s.mode.for === 'field') return { ...s, mode: { kind: 'fields', cursor: Number(s.mode.draft?.fieldCursor ?? 0) } };
      if (s.mode.kind === 'collection') return { ...s, mode: { kind: 'fields', cursor: s.mode.fieldCursor } };
      if (s.mode.kind === 'fields') return { ...s, mode: { kind: 'list' } };
      return s.mode.kind === 'saving' ? s : { ...s, mode: { kind: 'list' }, message: s.mode.kind === 'list' ? s.message : { text: 'cancelled: nothing sent', tone: 'ok' } };
    case 'confirm':
      return s.mode.kind === 'review' ? { ...s, mode: { kind: 'saving', title: s.mode.title, writes: s.mode.writes, from: s.mode.from }, message: { text: 'checking the gateway, then saving…', tone: 'ok' } } : s;
    case 'saved': {
      // The confirming GETs are the new copies: no list reload (its cache may lag, upstream #5958).
      const byId = new Map(a.fresh.map((k) => [k.id, k]));
      const kept = s.keys.filter((k) => !a.deleted.includes(k.id ?? '')).map((k) => byId.get(k.id) ?? k);
      const added = a.fresh.filter((k) => !s.keys.some((o) => o.id === k.id));
      const keys = [...kept, ...added];
      // v1.4: the provider the keys live in now holds them as written.
      const carrier = s.carrier ? { ...s.carrier, keys } : undefined;
      return { ...s, keys, ...(carrier ? { carrier } : {}), cursor: Math.min(s.cursor, Math.max(0, keys.length - 1)), mode: { kind: 'list' }, marked: new Set(), message: { text: a.message, tone: a.tone } };
    }
    case 'save-failed':
      if (s.mode.kind === 'saving' && s.mode.from) return { ...s, mode: reopenAt(s.mode.from, a.field, a.message), message: undefined };
      return { ...s, mode: { kind: 'list' }, message: { text: a.message, tone: 'error' } };
    case 'conflict': {
      if (s.mode.kind !== 'saving') return s;
      const keys = s.keys.map((k) => (k.id === a.fresh.id ? a.fresh : k));
      return { ...s, keys, mode: { kind: 'conflict', title: s.mode.title, fresh: a.fresh, lines: [...(a.saved ? [`${a.saved} of ${a.saved + a.pending.length} saved before it`] : []), ...conflictLines(s.provider, a.pending, a.fresh, s.dialect)], writes: a.pending, from: s.mode.from }, message: undefined };
    }
    case 'reapply': {
      if (s.mode.kind !== 'conflict') return s;
      const fresh = s.mode.fresh;
      // The edits move onto the key as it is now entry by entry: a model or alias the user did not touch keeps the gateway's value.
      const onFresh = (w: KeyWrite): KeyWrite => {
        if (w.kind === 'create' || w.fetched.id !== fresh.id) return w;
        if (w.kind === 'delete') return { ...w, fetched: fresh };
        return { ...w, fetched: fresh, edits: reapplyEdits('key', w.fetched, fresh, w.edits, s.dialect).edits };
      };
      return review(s, s.mode.title, s.mode.writes.map(onFresh), s.mode.from);
    }
    case 'restore-draft':
      return restoreDraft(s, a.reopen, a.keyId);
    case 'offer-drafts':
      return s.mode.kind === 'list' && a.offers.length > 0 ? askDraft(s, a.offers) : s;
    case 'draft-restore':
      return s.mode.kind === 'draft' ? restoreDraft(s, s.mode.offer.reopen, s.mode.offer.keyId) : s;
    case 'draft-discard':
      return s.mode.kind === 'draft' ? askDraft(s, s.mode.more, { text: `draft discarded${s.mode.more.length ? `; ${s.mode.more.length} more kept` : ''}`, tone: 'ok' }) : s;
    case 'draft-later':
      return s.mode.kind === 'draft' ? { ...s, mode: { kind: 'list' }, message: { text: 'the draft stays on disk: asked again when these keys open', tone: 'ok' } } : s;
    case 'message':
      return { ...s, message: { text: a.text, tone: a.tone } };
  }
}

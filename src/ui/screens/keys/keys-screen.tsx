/** A provider's API keys: list with status badges, marks, and the key actions through review and the save safety. */
import { Box, type Key } from 'ink';
import { useMemo } from 'react';
import { Text } from '../../widgets/safe-text.js';
import { isReferenceText } from '../../../state/provider/env-var.js';
import { keyRow } from '../../../state/keys/key-view.js';
import { keysReducer } from '../../../state/keys-screen/keys-reducer.js';
import { deletes, initialKeysState, keyFormRows, targetKeys, type KeysScreenState } from '../../../state/keys-screen/keys-state.js';
import { yesNoQuestion } from '../../../state/yes-no.js';
import { formatKeyValue } from '../../../state/keys/key-diff.js';
import { allowModeText } from '../../../state/keys-screen/key-collections.js';
import { describeKeyDraft } from '../../../state/keys-screen/key-draft.js';
import { findKeyField } from '../../../state/keys/key-fields.js';
import { commandFor, keyOf, promptLine, type Scope } from '../../keymap.js';
import { moveDelta } from '../../../state/cursor-window.js';
import { useKeyHandler, useReplayAfterWait } from '../../key-router.js';
import type { Services } from '../../services.js';
import { useTheme } from '../../theme.js';
import { fit, wrapWords } from '../../text.js';
import { useSyncReducer } from '../../use-sync-reducer.js';
import { Footer } from '../../widgets/footer.js';
import { Header } from '../../widgets/header.js';
import { MAP_ENTRY, mapKey } from '../form/form-keys.js';
import { lineEditFor } from '../../line-edit-keys.js';
import { MapEditorView } from '../form/map-editor-view.js';
import { SelectedValue } from '../../widgets/selected-value.js';
import { visibleSlice, type LineEditor } from '../../../state/editors/line-editor.js';
import { useKeyDrafts } from './use-key-drafts.js';
import { useKeysController } from './use-keys-controller.js';
import { maskTyped } from '../../../state/typed-secret.js';

export interface KeysScreenProps {
  services: Services;
  provider: string;
  /** The provider name, or a custom provider's base type (which config block its keys have). */
  kind: string;
  keyless: boolean;
  width: number;
  height: number;
  active: boolean;
  onBack: () => void;
  onQuit: () => void;
  onHelp: (scopes: readonly Scope[]) => void;
}

function scopesOf(s: KeysScreenState): readonly Scope[] {
  if (s.mode.kind === 'prompt') return ['keyInput', 'lineEdit'];
  if (s.mode.kind === 'draft') return [s.mode.discarding ? 'confirm' : 'draftPrompt', 'global'];
  if (s.mode.kind === 'collection') return s.mode.collection.map.editing ? MAP_ENTRY : [...(s.mode.collection.allow ? ['allowList' as const] : []), 'map', 'global'];
  if (s.mode.kind === 'review') return [deletes(s.mode.writes) ? 'confirm' : 'diff', 'global'];
  if (s.mode.kind === 'saving' || s.mode.kind === 'conflict') return [];
  if (s.mode.kind === 'fields') return ['keyForm', 'global'];
  return ['keys', 'global'];
}

/** The keys that leave the keys screen (back, quit) leave it at once even while it loads. */
function leavesLoadingKeys(input: string, key: Key): boolean {
  const command = commandFor(['keys', 'global'], input, key);
  return command === 'back' || command === 'forceQuit';
}

export function KeysScreen({ services, provider, kind, keyless, width, height, active, onBack, onQuit, onHelp }: KeysScreenProps) {
  const theme = useTheme();
  const [state, dispatch, getState] = useSyncReducer(keysReducer, () => initialKeysState(provider, keyless, kind, services.session.connection.readOnly));
  const { reload, save } = useKeysController(services, provider, dispatch);
  const { offerDrafts, consume } = useKeyDrafts(services, state, dispatch);

  useKeyHandler(
    (input, key) => {
      const s = getState();
      if (s.mode.kind === 'saving') return;
      if (s.mode.kind === 'prompt') {
        switch (commandFor(['keyInput'], input, key)) {
          case 'cancel': return dispatch({ type: 'cancel' });
          case 'commit': return dispatch({ type: 'prompt-commit' });
        }
        const op = lineEditFor(input, key);
        if (op) dispatch({ type: 'line', op });
        return;
      }
      if (s.mode.kind === 'draft') {
        const offer = s.mode.offer;
        if (s.mode.discarding) {
          switch (commandFor(['confirm', 'global'], input, key)) {
            case 'yes':
              dispatch({ type: 'draft-discard' });
              return consume(offer);
            case 'no': return dispatch({ type: 'draft-discard-asked', ask: false });
            case 'forceQuit': return onQuit();
          }
          return;
        }
        switch (commandFor(['draftPrompt', 'global'], input, key)) {
          case 'restore':
            dispatch({ type: 'draft-restore' });
            return consume(offer);
          case 'discard': return dispatch({ type: 'draft-discard-asked', ask: true });
          case 'back': return dispatch({ type: 'draft-later' });
          case 'help': return onHelp(['draftPrompt', 'global']);
          case 'forceQuit': return onQuit();
        }
        return;
      }
      if (s.mode.kind === 'collection') {
        const c = s.mode.collection;
        if (!c.map.editing && c.allow && commandFor(['allowList'], input, key) === 'mode') return dispatch({ type: 'collection', action: { type: 'allow-mode' } });
        const k = mapKey(c.map, input, key, collectionHeight(height, c.allow !== undefined) - 4);
        if (k === 'done') return dispatch({ type: 'collection-done' });
        if (k === 'help') return onHelp(scopesOf(s));
        if (k) dispatch({ type: 'collection', action: k });
        return;
      }
      if (s.mode.kind === 'review') {
        // A delete is a yes/no question: only y deletes, Enter is no.
        const c = commandFor(scopesOf(s), input, key);
        if (c === 'confirm' || c === 'yes') {
          const writes = s.mode.writes;
          dispatch({ type: 'confirm' });
          save(writes, getState().dialect);
        } else if (c === 'cancel' || c === 'no' || c === 'forceQuit') dispatch({ type: 'cancel' });
        return;
      }
      if (s.mode.kind === 'conflict') {
        const c = commandFor(['conflict', 'global'], input, key);
        if (c === 'reapply') dispatch({ type: 'reapply' });
        else if (c === 'cancel' || c === 'forceQuit') dispatch({ type: 'cancel' });
        return;
      }
      if (s.mode.kind === 'fields') {
        const command = commandFor(['keyForm', 'global'], input, key);
        const delta = moveDelta(command, fieldsView(height) - 1);
        if (delta !== undefined) return dispatch({ type: 'move', delta });
        switch (command) {
          case 'editField': return dispatch({ type: 'edit-field' });
          case 'back': case 'forceQuit': return dispatch({ type: 'cancel' });
          case 'help': return onHelp(['keyForm', 'keyInput', 'lineEdit', 'global']);
        }
        return;
      }
      const command = commandFor(['keys', 'global'], input, key);
      const delta = moveDelta(command, listView(height) - 1);
      if (delta !== undefined) return dispatch({ type: 'move', delta });
      switch (command) {
        case 'edit': {
          const id = s.keys[s.cursor]?.id;
          if (id && offerDrafts(s, [id])) return;
          return dispatch({ type: 'edit' });
        }
        case 'mark': return dispatch({ type: 'mark' });
        case 'add':
          if (!s.keyless && offerDrafts(s, ['new'])) return;
          return dispatch({ type: 'prompt', for: 'add-name' });
        case 'rotate': return dispatch({ type: 'prompt', for: 'rotate' });
        case 'weight': return dispatch({ type: 'prompt', for: 'weight' });
        case 'enable': return dispatch({ type: 'set-enabled', enabled: true });
        case 'disable': return dispatch({ type: 'set-enabled', enabled: false });
        case 'delete': return dispatch({ type: 'delete' });
        case 'refresh': return reload();
        case 'back': return onBack();
        case 'forceQuit': return onQuit();
        case 'help': return onHelp(['keys', 'keyForm', 'keyInput', 'lineEdit', 'global']);
      }
    },
    active,
    {
      acceptsText: () => { const m = getState().mode; return m.kind === 'prompt' || (m.kind === 'collection' && m.collection.map.editing !== undefined); },
      // Keys typed while the keys load (a slow link) are held by the key router and replayed once they are there;
      // the keys that leave the screen leave at once.
      waiting: () => getState().phase === 'loading',
      leavesWhileWaiting: leavesLoadingKeys,
    },
  );
  useReplayAfterWait(state.phase === 'loading', active);

  // Derived when the keys change, not on every key press (a key may list thousands of models).
  const rules = state.dialect?.rules;
  const rows = useMemo(() => state.keys.map((k) => keyRow(k, rules)), [state.keys, rules]);
  const current = rows[state.cursor];
  const nameW = Math.min(24, rows.reduce((w, r) => Math.max(w, r.name.length), 8));
  const fixed = 2 + 2 + nameW + 1 + 4 + 7 + 22 + 1;
  const modelsW = Math.max(12, Math.min(36, width - fixed - 20));
  const sourceW = Math.max(10, width - fixed - modelsW - 2);
  const marked = state.marked.size;
  // The key form takes the screen: the table makes room for it.
  const view = state.mode.kind === 'fields' || state.mode.kind === 'collection' ? 0 : listView(height);
  const start = windowStart(state.cursor, rows.length, view);

  return (
    <Box flexDirection="column" width={width} height={height - 1}>
      <Header connection={services.session.connection} width={width} crumb={`${provider} › keys`} right={`${rows.length} key${rows.length === 1 ? '' : 's'}${marked ? ` · ${marked} marked` : ''}`} />
      {state.phase === 'loading' ? <Text {...theme.muted}>loading keys of {provider}…</Text> : null}
      {state.phase === 'ready' && rows.length === 0 ? <Text {...theme.muted}>{keyless ? `${provider} is keyless: it takes no keys` : `no keys on ${provider} (a adds one)`}</Text> : null}
      {rows.length > 0 && view > 0 ? (
        <Text {...theme.muted} wrap="truncate">
          {'    '}{fit('NAME', nameW)} {fit('ON', 4)}{fit('WEIGHT', 7)}{fit('MODELS', modelsW)} {fit('VALUE', sourceW)} STATUS
        </Text>
      ) : null}
      {rows.slice(start, start + view).map((r, i) => {
        const at = start + i;
        const focused = at === state.cursor;
        const isMarked = state.marked.has(r.id);
        const badge = r.status === 'success' ? theme.ok : r.status === 'list_models_failed' ? theme.error : theme.muted;
        return (
          <Text key={r.id || at} wrap="truncate" {...(focused ? theme.selected : {})}>
            {focused ? '› ' : '  '}{isMarked ? '* ' : '  '}{fit(r.name, nameW)} {fit(r.enabled ? 'yes' : 'no', 4)}{fit(r.weight, 7)}{fit(r.models, modelsW)} {fit(r.source, sourceW)} <Text {...badge}>{r.status}</Text>
          </Text>
        );
      })}
      <Box flexDirection="column" marginTop={view > 0 ? 1 : 0} display={view > 0 ? 'flex' : 'none'}>
        {current ? <Text wrap="truncate">models: {current.models} · blacklisted: {current.blacklist}</Text> : null}
        {current?.description ? wrapWords(`${current.status}: ${current.description}`, width, 3).map((line, i) => <Text key={i} {...theme.error} wrap="truncate">{line}</Text>) : null}
      </Box>
      <ModeView state={state} width={width} height={height} />
      {state.message && state.mode.kind !== 'review' ? <Text {...(state.message.tone === 'error' ? theme.error : state.message.tone === 'warn' ? theme.warn : theme.ok)} wrap="wrap">{state.message.text}</Text> : null}
      <Box flexGrow={1} />
      <Footer scopes={scopesOf(state)} width={width} readOnly={state.readOnly} />
    </Box>
  );
}

/** Columns of a key form row's label. */
const KEY_LABEL_WIDTH = 24;

/** Rows of the key table for a screen `height` rows high. */
const listView = (height: number): number => Math.max(1, height - 10);
/** Rows of the key form (header, title, message and footer stay). */
const fieldsView = (height: number): number => Math.max(3, height - 6);
/** Lines of a list/map field's editor (`allow`: the allow-list's mode line above it). */
const collectionHeight = (height: number, allow: boolean): number => Math.max(4, height - 6 - (allow ? 1 : 0));

/** First row of a window of `view` rows that keeps `cursor` near its middle. */
function windowStart(cursor: number, count: number, view: number): number {
  return Math.max(0, Math.min(cursor - Math.floor(view / 2), count - view));
}

function ModeView({ state, width, height }: { state: KeysScreenState; width: number; height: number }) {
  const theme = useTheme();
  const m = state.mode;
  if (m.kind === 'draft') {
    const { offer } = m;
    return (
      <Box flexDirection="column">
        <Text {...theme.warn} wrap="wrap">{`Unsaved edit kept from ${offer.savedAt.replace('T', ' ').slice(0, 19)}: ${describeKeyDraft(offer.reopen, state.keys, offer.keyId)}`}</Text>
        {m.more.length ? <Text {...theme.muted}>{`${m.more.length} more kept draft${m.more.length === 1 ? '' : 's'} after this one`}</Text> : null}
        {m.discarding ? (
          <Text {...theme.warn} wrap="wrap">{yesNoQuestion('Discard this kept edit? It cannot be restored after.')}</Text>
        ) : (
          <Text wrap="wrap">{promptLine('draftPrompt')}</Text>
        )}
      </Box>
    );
  }
  if (m.kind === 'collection') {
    const c = m.collection;
    const key = state.keys[state.cursor];
    const title = `${findKeyField(c.fieldId)?.label ?? c.fieldId} of ${key?.name ?? key?.id ?? 'the key'}`;
    const listed = !c.allow || c.allow === 'only';
    return (
      <Box flexDirection="column">
        {c.allow ? <Text wrap="truncate"><Text {...theme.focus}>Mode: </Text>{fit(allowModeText(c), width - 7, false)}</Text> : null}
        {listed ? <MapEditorView map={c.map} title={title} height={collectionHeight(height, c.allow !== undefined)} width={width} secretValues={false} /> : null}
        {!listed ? <Text {...theme.muted} wrap="wrap">{`${c.map.entries.length ? `${c.map.entries.length} listed model${c.map.entries.length === 1 ? '' : 's'} kept for "only"; ` : ''}${keyOf('allowList', 'mode')} switches the mode`}</Text> : null}
        {!listed && c.map.error ? <Text {...theme.error} wrap="wrap">{`✖ ${c.map.error}`}</Text> : null}
      </Box>
    );
  }
  if (m.kind === 'fields') {
    const key = state.keys[state.cursor];
    if (!key) return null;
    const rows = keyFormRows(key, state.kind);
    const label = (r: (typeof rows)[number]): string => (r.type === 'field' ? r.d.label : r.path);
    const value = (r: (typeof rows)[number]): string => (r.type === 'field'
      ? formatKeyValue(r.d.path, r.value, state.dialect?.rules)
      : `${formatKeyValue([r.path], r.value, state.dialect?.rules)}  (not known to this client: read-only, sent back)`);
    // A focused row too long for its line (its label or its value) is shown in full below it, wrapped.
    const at = rows[m.cursor];
    const line = (r: (typeof rows)[number]): string => `${fit(label(r), KEY_LABEL_WIDTH)} ${value(r)}`;
    const full = at && (label(at).length > KEY_LABEL_WIDTH || Array.from(line(at)).length > width - 3)
      ? wrapWords(`${label(at)}: ${value(at)}`, width - 4, 3).map((l) => `    ${l}`) : [];
    // Header, title, message and footer stay; the rows scroll around the cursor.
    const view = Math.max(1, fieldsView(height) - full.length);
    const top = windowStart(m.cursor, rows.length, view);
    return (
      <Box flexDirection="column">
        <Text {...theme.title}>Key {key.name ?? key.id}{rows.length > view ? `  (${m.cursor + 1}/${rows.length})` : ''}</Text>
        {rows.slice(top, top + view).map((r, j) => {
          const i = top + j;
          const focused = i === m.cursor;
          const row = <Text key={i} wrap="truncate" {...(focused ? theme.selected : r.type === 'other' ? theme.muted : {})}>{focused ? '› ' : '  '}{fit(line(r), width - 3, false)}</Text>;
          return focused && full.length ? [row, ...full.map((l, n) => <Text key={`${i}:full:${n}`} {...theme.muted} wrap="truncate">{l}</Text>)] : row;
        })}
      </Box>
    );
  }
  if (m.kind === 'prompt') {
    const secret = m.masked && !isReferenceText(m.editor.text);
    const on = targetKeys(state).map((k) => k.name ?? k.id).join(', ');
    return (
      <Box flexDirection="column">
        {m.for === 'rotate' || m.for === 'weight' ? <Text {...theme.muted}>for {on}</Text> : null}
        <Text wrap="truncate"><Text {...theme.focus}>{m.label}</Text><PromptText editor={m.editor} secret={secret} width={Math.max(4, width - m.label.length - 1)} /></Text>
        {m.error ? <Text {...theme.error}>{m.error}</Text> : null}
      </Box>
    );
  }
  if (m.kind === 'conflict') {
    return (
      <Box flexDirection="column">
        {m.lines.map((l, i) => <Text key={i} wrap="truncate" {...(i === 0 ? theme.warn : {})}>{l}</Text>)}
        <Text {...theme.muted}>r: reload and reapply your edits on the key as it is now · Esc: cancel, nothing sent</Text>
      </Box>
    );
  }
  if (m.kind === 'review') {
    const question = deletes(m.writes);
    return (
      <Box flexDirection="column">
        <Text {...(question ? theme.warn : theme.title)} wrap="wrap">{question ? yesNoQuestion(m.title) : m.title}</Text>
        {question ? <Text {...theme.muted} wrap="wrap">This cannot be undone on the gateway (a backup of each key is kept locally: keys restore).</Text> : null}
        {m.lines.map((l, i) => <Text key={i} wrap="wrap">{l}</Text>)}
        <Text {...theme.muted} wrap="wrap">
          {question ? 'y: re-check the gateway and delete · n, Enter or Esc: nothing is sent' : 'y/Enter: re-check the gateway and save · Esc: cancel, nothing sent'}
        </Text>
      </Box>
    );
  }
  return null;
}

/** A prompt's text with a `▏` at the cursor; a value opened selected is shown so (typing replaces it). */
function PromptText({ editor, secret, width }: { editor: LineEditor; secret: boolean; width: number }) {
  const shown: LineEditor = secret ? { text: maskTyped(editor.text), cursor: editor.cursor } : editor;
  if (editor.selected) return <SelectedValue text={shown.text} width={width} />;
  const { before, at, after } = visibleSlice(shown, Math.max(1, width - 1));
  return <Text>{`${before}▏${at === ' ' && !after ? '' : at}${after}`}</Text>;
}

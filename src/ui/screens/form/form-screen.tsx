/** One provider as a form: sections of fields, inline editing, the save flow. */
import { Box, type Key } from 'ink';
import { Text } from '../../widgets/safe-text.js';
import { useEffect, useMemo, useState } from 'react';
import { descriptor } from '../../../state/provider/descriptors.js';
import { dirtyCount, effectiveValue } from '../../../state/provider/edit-model.js';
import { formatDiffValue } from '../../../state/provider/diff.js';
import { initialFormScreen, type FormScreenState } from '../../../state/form-screen/form-screen-state.js';
import { reduceFormScreen } from '../../../state/form-screen/form-screen-reducer.js';
import { hasUnsavedWork } from '../../../state/form-screen/form-screen-steps.js';
import { formWithOpenEditor } from '../../../state/form-screen/form-screen-steps.js';
import { withheldLabel } from '../../../state/form-screen/draft-secrets.js';
import { useKeyHandler, useReplayAfterWait } from '../../key-router.js';
import { commandFor, promptLine, type Scope } from '../../keymap.js';
import { useDocScroll } from '../../widgets/scroll-doc.js';
import type { Services } from '../../services.js';
import { useTheme } from '../../theme.js';
import { fit } from '../../text.js';
import { useSyncReducer } from '../../use-sync-reducer.js';
import { Footer } from '../../widgets/footer.js';
import { Header } from '../../widgets/header.js';
import { ConflictView, ReviewView } from './diff-view.js';

/** v1.4's provider PUT carries the provider's keys (the gateway takes them as the full list): how many, for the review. */
const keysSentBackOf = (body: Record<string, unknown> | undefined): { keysSentBack?: number } => (Array.isArray(body?.keys) ? { keysSentBack: body.keys.length } : {});
import { FlagsGridView, gridColumns } from './flags-grid-view.js';
import { handleFormKey, leavesLoadingForm, scopesFor } from './form-keys.js';
import { FormRowView, valueWidthFor } from './form-rows.js';
import { MapEditorView } from './map-editor-view.js';
import { useFormController } from './use-form-controller.js';
import { errorMessage } from '../../../api/api-error.js';
import { wrapText } from '../../../state/form-screen/diff-lines.js';
import { printable } from '../../../state/printable.js';
import { yesNoQuestion } from '../../../state/yes-no.js';
import type { Draft } from '../../../state/local-types.js';

/** Header, two status lines, footer, one spare line (never fill the last line). */
const CHROME_ROWS = 5;

/** A push from another gateway (the fleet screen): the form opens with its fields as edits, and every prompt says push. */
export interface FormPush {
  from: string;
  to: string;
  /** The pushed fields as a draft over the copy of the target the fleet read. */
  draft: Draft;
}

export interface FormScreenProps {
  services: Services;
  name: string;
  /** The name is a built-in the gateway lacks, or a new custom provider: a 404 opens a new-provider form. */
  allowCreate?: boolean;
  /** A new custom provider: its base type. */
  createBase?: string;
  width: number;
  height: number;
  /** Has the keyboard (below the minimum size: only for the text being typed, see App). */
  active: boolean;
  /** Drawn, not covered by help or the too-small notice (default: `active`). A review counts as seen only then. */
  visible?: boolean;
  onBack: () => void;
  onQuit: () => void;
  onHelp: (scopes: readonly Scope[]) => void;
  /** Told the count of unsaved edits whenever it changes (the shell asks before quitting). */
  onUnsavedChange?: (count: number) => void;
  /** Open this provider's keys screen. */
  onKeys?: () => void;
  /** `e` off a PEM field (no unsaved edits): the whole provider in $EDITOR. */
  onWholeEdit?: () => void;
  /** `H` (no unsaved edits): the provider's saved versions. */
  onHistory?: () => void;
  push?: FormPush;
}

export function FormScreen(props: FormScreenProps) {
  const { services, name, width, height } = props;
  const readOnly = services.session.connection.readOnly;
  const [state, dispatch, getState] = useSyncReducer(reduceFormScreen, () => initialFormScreen(name, readOnly, Math.max(1, height - CHROME_ROWS)));
  const { reload, editor } = useFormController({ services, state, getState, dispatch, allowCreate: props.allowCreate ?? false, ...(props.createBase ? { createBase: props.createBase } : {}), visible: props.visible ?? props.active, ...(props.push ? { push: props.push } : {}) });
  const bodyHeight = Math.max(1, height - CHROME_ROWS);
  useEffect(() => dispatch({ type: 'viewport', height: bodyHeight }), [bodyHeight, dispatch]);
  // "Save" chosen when leaving: go once the save has succeeded.
  useEffect(() => {
    if (state.leaveNow === 'quit') props.onQuit();
    else if (state.leaveNow === 'back') props.onBack();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- acts when the reducer says to leave; the parent's callbacks are fixed for the screen's life
  }, [state.leaveNow]);
  const elapsed = useElapsed(state.mode.kind === 'saving' ? state.mode.startedAt : undefined);

  const discardAndLeave = (then: 'back' | 'quit'): void => {
    try {
      if (editor) services.drafts?.clear(services.session.connection.gatewayKey, name, editor);
    } catch {
      // The draft file stays; it is offered again next time.
    }
    if (then === 'quit') props.onQuit();
    else props.onBack();
  };
  const loadPemFile = (fieldId: string, path: string): void => {
    if (!services.editor) return dispatch({ type: 'message', message: { text: 'reading files is not available here', role: 'warn' } });
    services.editor.readTextFile(path).then(
      (text) => dispatch({ type: 'set-field-text', fieldId, text }),
      (err: unknown) => dispatch({ type: 'message', message: { text: `cannot read ${path}: ${errorMessage(err)}`, role: 'error' } }),
    );
  };
  const editPemInEditor = (fieldId: string): void => {
    if (!services.editor) return dispatch({ type: 'message', message: { text: '$EDITOR is not available here', role: 'warn' } });
    services.editor.editInEditor('', '.pem').then(
      (text) => {
        if (text === undefined) dispatch({ type: 'message', message: { text: 'the editor did not exit cleanly; nothing changed', role: 'warn' } });
        else if (text.trim()) dispatch({ type: 'set-field-text', fieldId, text });
        else dispatch({ type: 'cancel' });
      },
      (err: unknown) => dispatch({ type: 'message', message: { text: errorMessage(err), role: 'error' } }),
    );
  };

  // The review and the conflict screen scroll over their lines; the position is view-only state.
  const doc = useDocScroll(state.mode.kind);
  const handle = (input: string, key: Key): void => {
    const kind = getState().mode.kind;
    if ((kind === 'review' || kind === 'conflict') && doc.scroll(commandFor([kind === 'review' ? 'diff' : 'conflict'], input, key))) return;
    handleFormKey(getState(), input, key, {
      dispatch, back: props.onBack, quit: props.onQuit, help: props.onHelp, discardAndLeave, loadPemFile, editPemInEditor, reload, keys: props.onKeys,
      wholeEdit: props.onWholeEdit, history: props.onHistory,
      gridColumns: gridColumns(width),
      // The flags grid and the map editor show some 4 lines of titles above their rows.
      page: Math.max(1, Math.max(1, height - CHROME_ROWS) - 5),
    });
  };
  // Keys typed while the provider loads (a slow link) are held by the key router and replayed once it is there.
  useKeyHandler(handle, props.active, {
    acceptsText: () => ['edit', 'pem'].includes(getState().mode.kind) || isTyping(getState()),
    waiting: () => getState().phase === 'loading',
    leavesWhileWaiting: leavesLoadingForm,
  });
  useReplayAfterWait(state.phase === 'loading', props.active);

  // Counted from the rows the reducer already derived (they hold every visible or dirty field), so a
  // cursor move does not re-run validation or the dirty check over the whole form.
  const counted = useMemo(() => countRows(state.rows), [state.rows]);
  const { errors } = counted;
  // An open map editor or flags grid holds changes not yet in the form: the header counts them already.
  const pendingDirty = useMemo(
    () => (state.mode.kind === 'map' || state.mode.kind === 'flags' ? dirtyCount(formWithOpenEditor(state)) : undefined),
    [state],
  );
  const dirty = pendingDirty ?? counted.dirty;
  const unsaved = state.phase === 'ready' && hasUnsavedWork(state) ? Math.max(1, dirtyCount(state.form)) : 0;
  const { onUnsavedChange } = props;
  useEffect(() => onUnsavedChange?.(unsaved), [unsaved, onUnsavedChange]);
  const right = [dirty ? `${dirty} changed` : 'no changes', errors ? `${errors} error${errors === 1 ? '' : 's'}` : '', state.isNew ? 'new' : '']
    .filter(Boolean).join(' · ');
  return (
    <Box flexDirection="column" width={width} height={height - 1}>
      <Header connection={services.session.connection} width={width} crumb={name} right={right} rightShort={dirty ? `${dirty} changed` : ''} />
      <Box flexDirection="column" height={bodyHeight}>
        <Body state={state} width={width} height={bodyHeight} doc={doc} />
      </Box>
      <StatusLines state={state} width={width} elapsed={elapsed} />
      <Footer scopes={scopesFor(state)} width={width} readOnly={state.readOnly} />
    </Box>
  );
}

function countRows(rows: FormScreenState['rows']): { dirty: number; errors: number } {
  let dirty = 0;
  let errors = 0;
  for (const r of rows) {
    if (r.type !== 'section') continue;
    dirty += r.dirtyCount;
    errors += r.errorCount;
  }
  return { dirty, errors };
}

/**
 * The focused value in full, wrapped and indented, when its row has to cut it (else nothing); led by
 * the label in full when the row cuts the label (a long label wraps rather than hides the value). At
 * most `maxLines` (what the screen has room for), the last one cut with an ellipsis. Only that much of
 * the value is looked at, so a 2 MB value costs a screenful.
 */
function fullValueLines(label: string, display: string, width: number, labelWidth: number, maxLines: number): string[] {
  const valueWidth = valueWidthFor(width, labelWidth);
  const room = Math.max(1, width - FULL_VALUE_INDENT.length - 1);
  const most = Math.max(1, maxLines);
  const source = display.length > (most + 1) * room * 8 ? display.slice(0, (most + 1) * room * 8) : display;
  const value = printable(source.replace(/[\r\n\t]+/g, ' '));
  const labelCut = Array.from(printable(label)).length > labelWidth;
  if (!labelCut && source.length === display.length && Array.from(value).length <= valueWidth) return [];
  const text = labelCut ? `${printable(label)}: ${value}` : value;
  const pieces = wrapText(text, room);
  const cut = pieces.length > most || source.length < display.length;
  const shown = pieces.slice(0, most);
  if (cut) shown[shown.length - 1] = `${Array.from(shown[shown.length - 1]!).slice(0, room - 1).join('')}…`;
  return shown.map((piece) => FULL_VALUE_INDENT + piece);
}

const FULL_VALUE_INDENT = '    ';

function isTyping(s: FormScreenState): boolean {
  return (s.mode.kind === 'map' && Boolean(s.mode.map.editing)) || (s.mode.kind === 'flags' && s.mode.grid.filterEditing);
}

function Body({ state, width, height, doc }: { state: FormScreenState; width: number; height: number; doc: Pick<ReturnType<typeof useDocScroll>, 'top' | 'size'> }) {
  const theme = useTheme();
  if (state.phase === 'loading') return <Text {...theme.muted}>  Loading {state.name}…</Text>;
  if (state.phase === 'error') return <Text {...theme.error}>{fit(`✖ ${state.loadError ?? 'could not load'} (r retries, Esc back)`, width)}</Text>;
  const mode = state.mode;
  switch (mode.kind) {
    case 'map':
      return <MapEditorView map={mode.map} title={descriptor(mode.fieldId).label} height={height} width={width} secretValues={mode.fieldId === 'network_config.extra_headers'} />;
    case 'flags':
      return <FlagsGridView grid={mode.grid} height={height} width={width} />;
    case 'review':
      return <ReviewView name={state.name} diff={mode.review.changes} overwrite={mode.overwrite} kept={mode.review.kept} height={height} width={width} top={doc.top} size={doc.size} {...(state.push ? { push: state.push } : {})} create={state.isNew} {...keysSentBackOf(mode.review.body)} />;
    case 'conflict':
      return (
        <ConflictView
          name={state.name}
          changes={mode.changes}
          overlaps={mode.overlaps.map((id) => `${id} (yours: ${formatDiffValue(id, effectiveValue(state.form, id))})`)}
          height={height}
          width={width}
          top={doc.top}
          size={doc.size}
        />
      );
    case 'draft': {
      const n = new Set([...Object.keys(mode.draft.fields ?? {}), ...(mode.draft.withheld ?? []).map((w) => w.fieldId)]).size || mode.draft.edits.length;
      return (
        <Box flexDirection="column">
          <Text {...theme.warn} wrap="wrap">{`Unsaved edits to ${state.name} from ${mode.draft.savedAt.replace('T', ' ').slice(0, 19)} were kept (${n} field${n === 1 ? '' : 's'}).`}</Text>
          {mode.draft.withheld?.length ? <Text wrap="wrap">{`Typed secrets were not kept; restoring asks again for: ${withheldLabel(mode.draft.withheld)}`}</Text> : null}
          {mode.discarding ? (
            <Text {...theme.warn} wrap="wrap">{yesNoQuestion(`Discard these kept edits to ${state.name}? They cannot be restored after.`)}</Text>
          ) : (
            <Text wrap="wrap">{promptLine('draftPrompt')}</Text>
          )}
        </Box>
      );
    }
  }
  const labelWidth = width >= 100 ? 34 : width >= 80 ? 28 : 22;
  const editing = mode.kind === 'edit' ? mode : undefined;
  // A focused value too long for its row is shown in full on wrapped lines below it; the window
  // shifts down (view only) so those lines stay on screen.
  const focusedRow = state.rows[state.cursor];
  const full = !editing && focusedRow && focusedRow.type !== 'section' ? fullValueLines(focusedRow.label, focusedRow.display, width, labelWidth, height - 2) : [];
  const overflow = Math.max(0, state.cursor - state.scrollTop + 1 + full.length - height);
  const top = Math.min(state.cursor, state.scrollTop + overflow);
  const rows = state.rows.slice(top, top + Math.max(1, height - full.length));
  return (
    <>
      {rows.map((row, i) => {
        const idx = top + i;
        const ed = editing && row.type !== 'section' && row.fieldId === editing.fieldId ? { editor: editing.editor, secret: editing.secret } : undefined;
        const key = row.type === 'section' ? `s:${row.section}` : row.fieldId;
        const view = <FormRowView key={key} row={row} focused={idx === state.cursor} width={width} labelWidth={labelWidth} editor={ed} />;
        if (idx !== state.cursor || full.length === 0) return view;
        return [view, ...full.map((line, n) => <Text key={`${key}:full:${n}`} {...theme.muted} wrap="truncate">{line}</Text>)];
      })}
    </>
  );
}

/** Line 1: the focused field's error or help (or the prompt of the current step); line 2: the last message. */
function StatusLines({ state, width, elapsed }: { state: FormScreenState; width: number; elapsed: number }) {
  const theme = useTheme();
  const mode = state.mode;
  const row = state.rows[state.cursor];
  let first: { text: string; role?: 'error' | 'muted' | 'warn' | 'ok' } = { text: '' };
  if (mode.kind === 'checking') first = { text: 'checking the gateway for changes since you opened the form…', role: 'muted' };
  else if (mode.kind === 'saving') first = { text: `saving… ${elapsed} s (the gateway reloads the provider and its models; up to ~15 s)`, role: 'warn' };
  else if (mode.kind === 'leave') {
    const n = dirtyCount(state.form);
    const what = n ? `${n} ${state.push ? 'unpushed' : 'unsaved'} change${n === 1 ? '' : 's'}` : 'edits that do not parse yet';
    const line = promptLine('leavePrompt', undefined, { readOnly: state.readOnly });
    const words = state.push ? line.replace(/\bsave\b/, `push to ${state.push.to}`) : line;
    first = { text: mode.discarding ? yesNoQuestion(`Discard ${what} to ${state.name}?`) : `${what}: ${words}`, role: 'warn' };
  } else if (mode.kind === 'pem') first = { text: promptLine('pemPrompt'), role: 'muted' };
  else if (mode.kind !== 'browse' && mode.kind !== 'edit') first = { text: '' };
  else if (mode.kind === 'edit' && row && row.type === 'field') first = { text: row.help, role: 'muted' };
  else if (row && row.type === 'field') first = row.error ? { text: `✖ ${row.error}`, role: 'error' } : { text: row.help, role: 'muted' };
  else if (row && row.type === 'section') first = { text: `${row.title}: Enter or z ${row.collapsed ? 'expands' : 'collapses'} · Tab and 1-7 jump between sections`, role: 'muted' };
  else if (row && row.type === 'other') first = { text: `${row.label}: not known to this app; shown read-only and sent back unchanged`, role: 'muted' };
  const msg = state.message;
  return (
    <Box flexDirection="column" height={2}>
      {mode.kind === 'pem' ? (
        <Text wrap="truncate">
          <Text {...theme.muted}>file: </Text>
          <Text>{fit(mode.editor.text, width - 7)}</Text>
        </Text>
      ) : (
        <Text {...(first.role ? theme[first.role] : {})} wrap="truncate">{fit(first.text, width)}</Text>
      )}
      <Text {...(msg ? theme[msg.role] : {})} wrap="truncate">{fit(mode.kind === 'pem' ? first.text : msg?.text ?? '', width)}</Text>
    </Box>
  );
}

/** Whole seconds since `start`, ticking once a second only while `start` is set. */
function useElapsed(start: number | undefined): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (start === undefined) return;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [start]);
  return start === undefined ? 0 : Math.max(0, Math.floor((now - start) / 1000));
}

/**
 * `e`: the whole provider in $EDITOR (like `kubectl edit`), with Ink
 * suspended around the editor. The file is a draft on disk from the start
 * (store/edit-draft-store.ts), so a killed app or an edit given up is
 * offered again here (or by `providers edit`). A file that cannot be used
 * opens again with the reasons at the top; saved again unchanged, the screen
 * stops and shows them. A usable edit goes to the write pipeline's review;
 * someone else's change meanwhile opens the file again with theirs in and
 * the edit re-applied.
 */
import { Box } from 'ink';
import { useEffect, useRef, useState } from 'react';
import { rerunLineOn } from '../../../connection/connection-info.js';
import { Text } from '../../widgets/safe-text.js';
import { errorMessage } from '../../../api/api-error.js';
import type { Provider } from '../../../api/wire.js';
import type { EditDraft } from '../../../state/local-types.js';
import { editText, errorNotes, editPlace, readEdited, reopenedAfterConflict, withHeader } from '../../../state/provider/whole-edit.js';
import type { Conflict } from '../../../state/write-rules/outcome.js';
import type { WritePlan } from '../../../state/write-rules/review.js';
import { commandFor } from '../../keymap.js';
import { useKeyHandler } from '../../key-router.js';
import { useTheme } from '../../theme.js';
import { fit, wrapWords } from '../../text.js';
import { Footer } from '../../widgets/footer.js';
import { Header } from '../../widgets/header.js';
import { Waiting } from './delete-screen.js';
import { useProviderRead } from './use-provider-read.js';
import { WriteFlow } from './write-flow.js';
import type { ProviderWriteScreenProps } from './provider-screen-props.js';

export type WholeEditScreenProps = ProviderWriteScreenProps;

type Phase =
  | { kind: 'starting' }
  /** An edit of this provider left unfinished (a killed app, an edit given up): resume or discard it. */
  | { kind: 'offer'; kept: EditDraft }
  | { kind: 'editing' }
  /** The file was saved again unchanged while it could not be used: the reasons, and what next. */
  | { kind: 'stopped'; draft: EditDraft; lines: string[]; role: 'error' | 'warn' }
  | { kind: 'write'; draft: EditDraft; plan: WritePlan; key: number }
  | { kind: 'done'; text: string; error?: boolean };

export function WholeEditScreen(props: WholeEditScreenProps) {
  const { services, name, width, height } = props;
  const theme = useTheme();
  const edits = services.edits;
  const conn = services.session.connection;
  const place = editPlace(name, conn);
  const [phase, setPhase] = useState<Phase>({ kind: 'starting' });
  const [editor] = useState(() => edits?.begin());
  const { read } = useProviderRead(services, name);
  const writes = useRef(0);
  useEffect(() => () => {
    if (editor) edits?.end(editor);
  }, [edits, editor]);

  /** Opens the draft in $EDITOR until its text can be used (or the user stops); `opened` is the text as the editor got it. */
  const loop = async (draft: EditDraft, opened0: string): Promise<void> => {
    if (!edits || !services.editor) return;
    let opened = opened0;
    setPhase({ kind: 'editing' });
    for (;;) {
      const failed = await services.editor.editFile(draft.file);
      if (failed) return setPhase({ kind: 'stopped', draft, lines: [`${failed}: nothing was sent; the edit is kept`], role: 'error' });
      let text: string;
      try {
        text = edits.readText(draft);
      } catch (err) {
        return setPhase({ kind: 'done', text: errorMessage(err), error: true });
      }
      const result = readEdited(text, draft.format, draft.original as Provider);
      if (result.kind === 'cancelled' || result.kind === 'unchanged') {
        edits.remove(draft);
        return setPhase({ kind: 'done', text: result.kind === 'cancelled' ? `edit of ${name} given up (the file was emptied): nothing was sent` : `no changes: ${name} already matches, nothing was sent` });
      }
      if (result.kind === 'invalid') {
        if (text === opened) return setPhase({ kind: 'stopped', draft, lines: ['The file was not sent:', ...result.errors.map((e) => `  ${e}`)], role: 'error' });
        opened = withHeader(place, draft.format, text, errorNotes(result.errors));
        edits.writeText(draft, opened);
        continue;
      }
      writes.current += 1;
      return setPhase({ kind: 'write', draft, plan: { action: 'update', base: draft.original, edits: result.edits }, key: writes.current });
    }
  };

  const begin = (fresh: Record<string, unknown>): void => {
    if (!edits || !editor) return;
    try {
      const text = editText(place, fresh, edits.format);
      void loop(edits.start(conn.gatewayKey, name, editor, { format: edits.format, original: fresh, text }), text);
    } catch (err) {
      setPhase({ kind: 'done', text: errorMessage(err), error: true });
    }
  };

  const resume = (kept: EditDraft): void => {
    if (!edits || !editor) return;
    try {
      // Taken over by this editor: the same text and base under its own id.
      const text = edits.readText(kept);
      const mine = edits.start(conn.gatewayKey, name, editor, { format: kept.format, original: kept.original, text });
      edits.remove(kept);
      void loop(mine, text);
    } catch (err) {
      setPhase({ kind: 'done', text: errorMessage(err), error: true });
    }
  };

  // Once the provider is read: offer an unfinished edit, or open a new one.
  useEffect(() => {
    if (phase.kind !== 'starting' || read.kind !== 'ready') return;
    if (!edits || !services.editor) return setPhase({ kind: 'done', text: '$EDITOR is not available here', error: true });
    if (conn.readOnly) return setPhase({ kind: 'done', text: 'read-only profile: nothing can be saved here', error: true });
    if (!read.provider) return setPhase({ kind: 'done', text: `${name} is not configured on this gateway`, error: true });
    let kept: EditDraft | undefined;
    try {
      kept = edits.unfinished(conn.gatewayKey, name)[0];
    } catch (err) {
      return setPhase({ kind: 'done', text: errorMessage(err), error: true });
    }
    if (kept) return setPhase({ kind: 'offer', kept });
    begin(read.provider);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- starts once, when the read is in
  }, [read, phase.kind]);

  /** Someone else changed it since the edit began: their copy in, the edit re-applied, and the editor again. */
  const onConflict = (c: Conflict): boolean => {
    if (phase.kind !== 'write' || !edits || c.reason !== 'changed' || !c.current || c.reapplied?.action !== 'update') return false;
    const draft = edits.rebase(phase.draft, c.current);
    const text = reopenedAfterConflict(place, draft.format, c.current, c.reapplied.edits, { theirs: c.theirs.map((e) => e.path), overlaps: c.overlaps });
    edits.writeText(draft, text);
    void loop(draft, text);
    return true;
  };

  useKeyHandler((input, key) => {
    const command = commandFor([phase.kind === 'done' ? 'writeDone' : 'wholeEdit', 'global'], input, key);
    if (command === 'help') return props.onHelp(['wholeEdit', 'global']);
    if (command === 'forceQuit') return props.onQuit();
    if (phase.kind === 'done') {
      if (command === 'back') props.onBack(false);
      return;
    }
    if (phase.kind !== 'offer' && phase.kind !== 'stopped') return;
    const draft = phase.kind === 'offer' ? phase.kept : phase.draft;
    switch (command) {
      case 'resume': return phase.kind === 'offer' ? resume(draft) : void loop(draft, safeRead(draft));
      case 'discard':
        try {
          edits?.remove(draft);
        } catch (err) {
          return setPhase({ kind: 'done', text: errorMessage(err), error: true });
        }
        if (phase.kind === 'offer' && read.kind === 'ready' && read.provider) return begin(read.provider);
        return props.onBack(false);
      case 'back': return props.onBack(false);
    }
  }, props.active && phase.kind !== 'write' && phase.kind !== 'editing');

  const safeRead = (d: EditDraft): string => {
    try {
      return edits?.readText(d) ?? '';
    } catch {
      return '';
    }
  };

  if (phase.kind === 'write') {
    return (
      <WriteFlow
        key={phase.key}
        services={services} name={name} width={width} height={height} active={props.active}
        plan={phase.plan}
        title={`Edit ${name} on ${conn.profile ?? conn.url}`}
        yes={`y saves ${name}`}
        doneText={`saved ${name}`}
        undo={(backup) => `H restores it, or ${rerunLineOn(conn, ['providers', 'restore', name, '--at', backup])}`}
        onConflict={onConflict}
        onWritten={() => {
          try {
            edits?.remove(phase.draft);
          } catch {
            // A stale edit file is offered next time; its review then shows nothing left to write.
          }
        }}
        onExit={props.onBack}
        onQuit={props.onQuit} onHelp={props.onHelp}
      />
    );
  }
  if (read.kind !== 'ready' && phase.kind === 'starting') {
    return <Waiting {...props} text={read.kind === 'loading' ? `reading ${name}…` : `✖ ${read.message}`} error={read.kind === 'failed'} />;
  }
  const lines: Array<{ text: string; role?: 'error' | 'warn' | 'muted' }> = [];
  if (phase.kind === 'offer') {
    lines.push({ text: `An unfinished edit of ${name} from ${phase.kept.savedAt.replace('T', ' ').slice(0, 19)} is kept (${phase.kept.file}).`, role: 'warn' });
    lines.push({ text: 'r or Enter resumes it in $EDITOR · d discards it and opens the gateway\'s copy · Esc back (it stays on disk)' });
  } else if (phase.kind === 'stopped') {
    for (const l of phase.lines) lines.push({ text: l, role: phase.role });
    lines.push({ text: `The edit is kept (${phase.draft.file}): r or Enter opens it again · d discards it · Esc back (it stays on disk)` });
  } else if (phase.kind === 'done') {
    lines.push({ text: phase.text, ...(phase.error ? { role: 'error' as const } : {}) });
  } else {
    lines.push({ text: `editing ${name} in $EDITOR…`, role: 'muted' });
  }
  return (
    <Box flexDirection="column" width={width} height={height - 1}>
      <Header connection={conn} width={width} crumb={`${name} › edit`} />
      <Box flexDirection="column" height={Math.max(1, height - 3)}>
        {lines.flatMap((l, i) => wrapWords(l.text, width, 6).map((piece, j) => <Text key={`${i}:${j}`} {...(l.role ? theme[l.role] : {})} wrap="truncate">{fit(piece, width)}</Text>))}
      </Box>
      <Footer scopes={[phase.kind === 'done' ? 'writeDone' : 'wholeEdit', 'global']} width={width} />
    </Box>
  );
}

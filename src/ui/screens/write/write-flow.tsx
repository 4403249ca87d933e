/**
 * One write of a whole provider through the pipeline, as a screen: the
 * check (a read of the gateway), the review (`y` writes, anything else
 * sends nothing), the commit (re-read right before, backup, write,
 * confirming read) and the outcome; a conflict shows their change and `r`
 * plans again on their copy. Delete, restore and the whole-object edit use it.
 */
import { Box } from 'ink';
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { Text } from '../../widgets/safe-text.js';
import { errorMessage } from '../../../api/api-error.js';
import { scrubSecrets } from '../../../api/secrets.js';
import { diffDocLines, type DocLine } from '../../../state/form-screen/diff-lines.js';
import { deletedFields, replanAfter, startWriteFlow, writeFlowReducer, type WriteFlowState } from '../../../state/write-flow/write-flow.js';
import type { Conflict, WriteOutcome } from '../../../state/write-rules/outcome.js';
import { keptNote, type WritePlan } from '../../../state/write-rules/review.js';
import { commandFor, type Scope } from '../../keymap.js';
import { useKeyHandler } from '../../key-router.js';
import type { Services, Session } from '../../services.js';
import { sessionWriter } from '../../session-writer.js';
import { useTheme } from '../../theme.js';
import { fit, wrapWords } from '../../text.js';
import { useSyncReducer } from '../../use-sync-reducer.js';
import { Footer } from '../../widgets/footer.js';
import { Header } from '../../widgets/header.js';
import { ScrollDoc, useDocScroll, type DocLineView } from '../../widgets/scroll-doc.js';

export interface WriteFlowProps {
  services: Services;
  /** The gateway written to (default: the app's). */
  session?: Session;
  name: string;
  plan: WritePlan;
  /** The gateway's copy just read, when the plan was made on it (no second read for the check). */
  current?: Record<string, unknown> | null;
  /** The review's title: `Delete openai on prod`, `Restore openai to …`. */
  title: string;
  /** Sentences above the changes. */
  intro?: readonly string[];
  /** What `y` does, for the prompt line: `y deletes it`. */
  yes: string;
  /** The line of a write that happened. */
  doneText: string;
  /** How to undo it, given the backup's id. */
  undo?: (backup: string) => string;
  width: number;
  height: number;
  active: boolean;
  /** A conflict the caller handles itself (the whole edit reopens the editor); false: shown here. */
  onConflict?: (conflict: Conflict) => boolean;
  /** Told as soon as the write happened (before the outcome is read): e.g. to drop a draft. */
  onWritten?: () => void;
  /** Left: `written` when something was written. */
  onExit: (written: boolean) => void;
  onQuit: () => void;
  onHelp: (scopes: readonly Scope[]) => void;
}

const scopesOf = (s: WriteFlowState): Scope[] => {
  switch (s.phase.kind) {
    case 'review': return ['writeReview', 'global'];
    case 'conflict': return ['writeConflict', 'global'];
    case 'done': return ['writeDone', 'global'];
    default: return ['global'];
  }
};

export function WriteFlow(props: WriteFlowProps) {
  const { services, width, height, name } = props;
  const session = props.session ?? services.session;
  const theme = useTheme();
  const [state, dispatch, getState] = useSyncReducer(writeFlowReducer, () => startWriteFlow(name, props.plan, props.doneText));
  const writer = useMemo(() => sessionWriter(services, session), [services, session]);
  const aborter = useRef<AbortController | null>(null);
  const first = useRef(true);
  const target = { kind: 'provider' as const, name };
  const scrub = (o: WriteOutcome): WriteOutcome => (o.kind === 'refused' || o.kind === 'may-have-landed' ? { ...o, message: scrubSecrets(o.message, [session.connection.secret]) } : o);

  // The check: on the copy just read the first time, else a fresh read.
  useEffect(() => {
    if (state.phase.kind !== 'checking') return;
    const ctl = new AbortController();
    aborter.current = ctl;
    const current = first.current && props.current !== undefined ? { current: props.current } : {};
    first.current = false;
    void writer.check(target, getState().plan, { signal: ctl.signal, ...current }).then((outcome) => {
      if (ctl.signal.aborted) return;
      if (outcome.kind === 'conflict' && props.onConflict?.(outcome)) return;
      dispatch({ type: 'checked', outcome: outcome.kind === 'refused' ? { ...outcome, message: scrubSecrets(outcome.message, [session.connection.secret]) } : outcome });
    });
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a step triggered by its phase; the rest is fixed for the screen's life
  }, [state.phase]);

  // A review counts as seen once drawn (a `y` typed ahead of it does not confirm it).
  useLayoutEffect(() => {
    if (state.phase.kind === 'review' && !state.phase.shown && props.active) dispatch({ type: 'shown' });
  }, [state.phase, props.active, dispatch]);

  // The commit: exactly the reviewed write. Not aborted on unmount: once sent, its answer is waited for.
  useEffect(() => {
    if (state.phase.kind !== 'saving') return;
    const { review } = state.phase;
    void writer.commit(review).then((outcome) => {
      if (outcome.kind === 'written') props.onWritten?.();
      if (outcome.kind === 'conflict' && props.onConflict?.(outcome)) return;
      dispatch({ type: 'committed', outcome: scrub(outcome), ...(outcome.kind === 'written' && outcome.backup && props.undo ? { undo: props.undo(outcome.backup) } : {}) });
    }, (err: unknown) => dispatch({ type: 'committed', outcome: { kind: 'may-have-landed', target, message: errorMessage(err), error: err } }));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a step triggered by its phase
  }, [state.phase.kind]);

  const doc = useDocScroll(state.phase.kind);
  useKeyHandler((input, key) => {
    const s = getState();
    const command = commandFor(scopesOf(s), input, key);
    if (command === 'help') return props.onHelp(scopesOf(s));
    if (command === 'forceQuit') return props.onQuit();
    switch (s.phase.kind) {
      case 'checking':
        // Only a read is in flight: leaving is safe.
        if (key.escape) {
          aborter.current?.abort();
          props.onExit(false);
        }
        return;
      case 'review':
        if (doc.scroll(command)) return;
        if (command === 'confirm') return dispatch({ type: 'confirm' });
        if (command === 'cancel') return props.onExit(false);
        return;
      case 'conflict': {
        if (doc.scroll(command)) return;
        if (command === 'cancel') return props.onExit(false);
        if (command !== 'reapply') return;
        const plan = replanAfter(s.plan, s.phase.conflict);
        return plan ? dispatch({ type: 'replan', plan }) : props.onExit(false);
      }
      case 'done':
        if (command === 'back') props.onExit(s.phase.written);
        return;
      case 'saving':
        return;
    }
  }, props.active);

  const body = Math.max(1, height - 5);
  const lines = useMemo(() => docLines(state, props, width), [state, props, width]);
  const status = statusLine(state, props);
  return (
    <Box flexDirection="column" width={width} height={height - 1}>
      <Header connection={session.connection} width={width} crumb={name} />
      <Text {...(state.phase.kind === 'conflict' ? theme.warn : theme.title)} wrap="truncate">{fit(titleOf(state, props), width)}</Text>
      <ScrollDoc lines={lines} top={doc.top} height={body} width={width} size={doc.size} />
      <Text {...(status.role ? theme[status.role] : {})} wrap="truncate">{fit(status.text, width)}</Text>
      <Footer scopes={scopesOf(state)} width={width} />
    </Box>
  );
}

function titleOf(s: WriteFlowState, p: WriteFlowProps): string {
  if (s.phase.kind === 'conflict') {
    const c = s.phase.conflict;
    return c.reason === 'deleted' ? `⚠ ${p.name} was deleted on the gateway meanwhile: nothing was written`
      : c.reason === 'created' ? `⚠ ${p.name} was created on the gateway meanwhile: nothing was written`
        : `⚠ ${p.name} changed on the gateway meanwhile (${c.theirs.length} field${c.theirs.length === 1 ? '' : 's'}): nothing was written`;
  }
  if (s.phase.kind === 'done') return s.phase.written ? `Done: ${p.title}` : p.title;
  return p.title;
}

const view = (lines: readonly DocLine[]): DocLineView[] =>
  lines.map((l) => ({ text: l.text, ...(l.kind === 'removed' ? { role: 'error' as const } : l.kind === 'added' ? { role: 'ok' as const } : l.kind === 'note' ? {} : { role: 'dirty' as const }) }));

function docLines(s: WriteFlowState, p: WriteFlowProps, width: number): DocLineView[] {
  const notes = (texts: readonly string[], role?: DocLineView['role']): DocLineView[] => texts.flatMap((t) => wrapWords(t, width, 50).map((text) => ({ text, ...(role ? { role } : {}) })));
  switch (s.phase.kind) {
    case 'checking':
      return notes([`reading ${p.name} from the gateway…`], 'muted');
    case 'review':
    case 'saving': {
      const review = s.phase.review;
      const kept = keptNote(review);
      const intro = notes(p.intro ?? []);
      if (review.plan.action === 'delete') {
        return [...intro, ...notes(['These settings are deleted with it (kept in the local history first):']), ...view(diffDocLines(deletedFields(review.current ?? {}), width))];
      }
      return [
        ...intro,
        ...(kept ? notes([kept], 'warn') : []),
        ...notes(review.warnings.map((w) => `note: ${w}`), 'warn'),
        ...notes(review.problems.map((w) => `invalid: ${w}`), 'error'),
        ...view(diffDocLines(review.changes, width)),
      ];
    }
    case 'conflict': {
      const c = s.phase.conflict;
      const again = replanAfter(s.plan, c) ? 'r takes their copy and shows the review again' : 'there is nothing to write it on';
      return [...notes(['Changed there since it was read:']), ...view(diffDocLines(c.theirs, width)), ...notes([`Nothing was sent: ${again}; Esc cancels.`], 'muted')];
    }
    case 'done':
      return notes(s.phase.lines, s.phase.role === 'muted' ? undefined : s.phase.role);
  }
}

function statusLine(s: WriteFlowState, p: WriteFlowProps): { text: string; role?: 'muted' | 'warn' | 'error' | 'ok' } {
  switch (s.phase.kind) {
    case 'checking': return { text: 'checking the gateway… (Esc cancels: only a read is in flight)', role: 'muted' };
    case 'review':
      return s.phase.review.problems.length > 0 ? { text: 'invalid: y will not write it · Esc back', role: 'error' } : { text: `${p.yes} · n or Esc: nothing is sent`, role: 'warn' };
    case 'saving': return { text: 'writing… (re-read right before, backed up first)', role: 'muted' };
    case 'conflict': return { text: 'r review again on their copy · Esc cancel', role: 'warn' };
    case 'done': return { text: 'Enter or Esc: back', role: 'muted' };
  }
}

/**
 * Effects of the fleet screen: connect every profile and read its provider
 * list with connection/fleet-read.ts (at most FLEET_PARALLEL at a time, each
 * with its profile's own deadline); every answer is dispatched as it arrives. Aborts on unmount. A push is prepared
 * as a draft of the target's form (nothing is written here).
 */
import { useEffect, useRef } from 'react';
import { errorMessage } from '../../../api/api-error.js';
import { readFleet } from '../../../connection/fleet-read.js';
import type { Provider } from '../../../api/wire.js';
import type { FleetAction, FleetState } from '../../../state/fleet/fleet-reducer.js';
import { cellFields } from '../../../state/fleet/fleet-reducer.js';
import { planDirectPush } from '../../../state/fleet/direct-push.js';
import { pushDraft } from '../../../state/fleet/push-draft.js';
import { pushLeftNote, writePlanOf, type PlannedWrite } from '../../../state/write-rules/provider-write-plan.js';
import { outcomeMessage, type WriteOutcome } from '../../../state/write-rules/outcome.js';
import { reviewWrite } from '../../../state/write-rules/review.js';
import { createWriter, historyBackups } from '../../../write/pipeline.js';
import type { Services, Session } from '../../services.js';

export type PushDirection = 'toCell' | 'toReference';

export interface FleetController {
  reload(): void;
  /**
   * Prepares the push of the open cell, `toCell` (first column -> the cell's
   * gateway) or `toReference` (the cell's gateway -> first column); calls
   * `onPush` with the target session when there is something to review.
   */
  push(direction: PushDirection, onPush: (session: Session, name: string) => void): void;
  /** Writes the direct push under review (y). */
  confirm(): void;
}

export function useFleetController(services: Services, dispatch: (a: FleetAction) => void, getState: () => FleetState): FleetController {
  const sessions = useRef(new Map<string, Session>());
  const aborter = useRef<AbortController | null>(null);
  /** The push whose left-out fields were shown: the next `p` on it goes ahead. */
  const armed = useRef<string | undefined>(undefined);

  const reload = (): void => {
    const profiles = services.profiles;
    if (!profiles) return;
    aborter.current?.abort();
    const ctl = new AbortController();
    aborter.current = ctl;
    let names: string[];
    try {
      names = profiles.list().map((p) => p.name);
    } catch (err) {
      dispatch({ type: 'message', text: errorMessage(err), role: 'error' });
      return;
    }
    dispatch({ type: 'started', profiles: names });
    if (names.length === 0) dispatch({ type: 'message', text: 'no profiles: add some on the profiles screen (P)', role: 'warn' });
    // The same pool as `fleet diff`: at most FLEET_PARALLEL at a time, each with its profile's own deadline.
    void readFleet(names, async (name) => {
      const session = sessions.current.get(name) ?? (await profiles.connect(name));
      sessions.current.set(name, session);
      return { client: session.client, url: session.connection.url, timeoutMs: session.connection.timeoutMs };
    }, {
      signal: ctl.signal,
      onAnswer: (profile, state) => dispatch({ type: 'answered', profile, state }),
    });
  };

  useEffect(() => {
    reload();
    return () => aborter.current?.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per mount: the sessions are fixed for the screen's life
  }, [services]);

  const push = (direction: PushDirection, onPush: (session: Session, name: string) => void): void => {
    const s = getState();
    const cell = s.cell;
    const row = cell && s.rows.find((r) => r.name === cell.name);
    if (!cell || !row) return;
    const providerOf = (col: number): Provider | undefined => {
      const st = s.columns[col]?.state;
      return st?.kind === 'ok' ? st.providers.find((p) => p.name === cell.name) : undefined;
    };
    const [from, to] = direction === 'toCell' ? [row.reference, cell.col] : [cell.col, row.reference];
    const source = providerOf(from);
    const target = providerOf(to);
    const targetProfile = s.columns[to]!.profile;
    const session = sessions.current.get(targetProfile);
    if (!source) return dispatch({ type: 'message', text: `${cell.name} is not configured on ${s.columns[from]!.profile}: nothing to push`, role: 'muted' });
    if (!session) return;
    if (session.connection.readOnly) return dispatch({ type: 'message', text: `${targetProfile} is read-only: nothing to push to`, role: 'warn' });
    const fields = cellFields(row, cell.col).filter((f) => cell.marked.length === 0 || cell.marked.includes(f.path));
    const paths = fields.map((f) => f.segments);
    // Each gateway's Bifrost line (read with its providers): the push fits the target's fields and reads the source's.
    const lineOf = (col: number) => { const st = s.columns[col]?.state; return st?.kind === 'ok' ? st.rules : undefined; };
    const copy = { source: lineOf(from), target: lineOf(to) };
    if (!target) return review(targetProfile, planDirectPush(cell.name, source, undefined, paths, copy));
    const { fields: draftFields, skipped, outsideEditor } = pushDraft(source, target, paths);
    // Fields the editor does not edit go through the same planned write as `fleet push`.
    if (outsideEditor.length > 0) return review(targetProfile, planDirectPush(cell.name, source, target, paths, copy));
    const key = JSON.stringify([cell.name, cell.col, cell.marked, direction]);
    if (!services.drafts) return dispatch({ type: 'message', text: 'no draft store: use `bifrost-tui fleet push PROVIDER --from PROFILE --to PROFILE`', role: 'error' });
    try {
      if (services.drafts.unrecovered(session.connection.gatewayKey, cell.name).length > 0) {
        return dispatch({ type: 'message', text: `${cell.name} on ${targetProfile} has an unsaved draft: finish it from that profile first`, role: 'warn' });
      }
      if (Object.keys(draftFields).length === 0) {
        return dispatch({ type: 'message', text: `nothing the editor can push: ${skipped.join('; ')}`, role: 'warn' });
      }
      if (skipped.length > 0 && armed.current !== key) {
        armed.current = key;
        return dispatch({ type: 'message', text: `left out: ${skipped.join('; ')} · ${direction === 'toCell' ? 'p' : 'P'} again pushes the rest`, role: 'warn' });
      }
      armed.current = undefined;
      // Written as an editor that ends at once: the target's form then offers it like any unrecovered draft.
      const editor = services.drafts.begin();
      services.drafts.save(session.connection.gatewayKey, cell.name, editor, {
        original: target as Record<string, unknown>, edits: [], fields: draftFields as never, savedAt: new Date(services.now()).toISOString(),
      });
      services.drafts.end(editor);
    } catch (err) {
      return dispatch({ type: 'message', text: errorMessage(err), role: 'error' });
    }
    onPush(session, cell.name);
  };

  const review = (profile: string, plan: PlannedWrite): void => {
    if (plan.action === 'none') return dispatch({ type: 'message', text: `nothing to push: ${plan.notCopied.map((p) => `${p} differs and cannot be copied`).join('; ') || 'no change'}`, role: 'warn' });
    dispatch({ type: 'review', profile, plan });
  };

  const confirm = (): void => {
    const r = getState().review;
    if (!r) return;
    dispatch({ type: 'reviewClosed' });
    if (r.plan.errors.length > 0) return dispatch({ type: 'message', text: `not pushed: ${r.plan.errors[0]!}`, role: 'error' });
    const session = sessions.current.get(r.profile);
    if (!session) return dispatch({ type: 'message', text: `${r.profile}: not connected`, role: 'error' });
    // The write pipeline of the target gateway: re-read right before the write (nothing is written if it changed
    // since the push was planned), backup in that gateway's history, PUT or POST, confirming read.
    const writer = createWriter({
      client: session.client,
      ...(services.history ? { backups: historyBackups(services.history, session.connection.gatewayKey) } : {}),
      readOnly: session.connection.readOnly,
    });
    dispatch({ type: 'message', text: `writing ${r.plan.name} to ${r.profile}…`, role: 'muted' });
    // In the target's dialect (its Bifrost version): on v1.4 its keys go back whole, a secret in a shape it reads.
    void writer.dialect().then(
      (dialect) => writer.commit(reviewWrite({ kind: 'provider', name: r.plan.name }, writePlanOf(r.plan), (r.plan.fetched as Record<string, unknown> | undefined) ?? null, dialect)),
      (err: unknown): WriteOutcome => ({ kind: 'refused', why: 'unreadable', target: { kind: 'provider', name: r.plan.name }, error: err, message: `could not tell which Bifrost version ${r.profile} runs, nothing was written: ${errorMessage(err)}` }),
    ).then((outcome) => {
      if (outcome.kind !== 'written') return dispatch({ type: 'message', text: `${r.profile}: ${outcomeMessage(outcome, 'since the push was planned')}`, role: 'error' });
      dispatch({ type: 'close' });
      reload();
      const left = pushLeftNote(r.plan);
      const text = `${r.plan.action === 'create' ? 'created' : 'updated'} ${r.plan.name} on ${r.profile}${left ? `; ${left}` : ''}${outcome.notes.length ? `; ${outcome.notes[0]}` : ''}`;
      dispatch({ type: 'message', text, role: left || outcome.notes.length ? 'warn' : 'ok' });
    });
  };

  return { reload, push, confirm };
}

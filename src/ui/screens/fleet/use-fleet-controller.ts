/**
 * Effects of the fleet screen: connect every profile and read its provider
 * list with connection/fleet-read.ts (at most FLEET_PARALLEL at a time, each
 * with its profile's own deadline); every answer is dispatched as it arrives. Aborts on unmount. A push the
 * target's form can carry is handed to it as edits (nothing is written here); any other is one reviewed write.
 */
import { useEffect, useRef } from 'react';
import { errorMessage } from '../../../api/api-error.js';
import { readFleet } from '../../../connection/fleet-read.js';
import type { Provider } from '../../../api/wire.js';
import type { FleetAction, FleetState } from '../../../state/fleet/fleet-reducer.js';
import { cellFields, layoutOf } from '../../../state/fleet/fleet-reducer.js';
import { planDirectPush } from '../../../state/fleet/direct-push.js';
import { pushDraft } from '../../../state/fleet/push-draft.js';
import { pushLeftNote, writePlanOf, type PlannedWrite } from '../../../state/write-rules/provider-write-plan.js';
import { outcomeMessage } from '../../../state/write-rules/outcome.js';
import type { Draft } from '../../../state/local-types.js';
import type { FleetLayout } from '../../../state/fleet/fleet-layout.js';
import type { Services, Session } from '../../services.js';
import { sessionWriter } from '../../session-writer.js';
import type { FormPush } from '../form/form-screen.js';

export type PushDirection = 'toCell' | 'toReference';

export interface FleetController {
  reload(): void;
  /**
   * Prepares the push of the open cell, `toCell` (its `from` gateway -> the
   * compared one) or `toReference` (the other way); calls `onPush` with the
   * target session and the edits when the target's form can carry them.
   */
  push(direction: PushDirection, onPush: (session: Session, name: string, push: FormPush) => void): void;
  /** Writes the direct push under review (y). */
  confirm(): void;
}

export function useFleetController(services: Services, dispatch: (a: FleetAction) => void, getState: () => FleetState, layout?: FleetLayout): FleetController {
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
    // Until the user orders them, the gateway this session is on comes first and is the baseline.
    const current = services.session.connection.profile;
    const now = getState();
    const first = (now.columns.length > 0 ? layoutOf(now) : layout) ?? (current !== undefined && names.includes(current) ? { order: [current], baseline: current } : undefined);
    dispatch({ type: 'started', profiles: names, ...(first ? { layout: first } : {}) });
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

  const push = (direction: PushDirection, onPush: (session: Session, name: string, push: FormPush) => void): void => {
    const s = getState();
    const cell = s.cell;
    const row = cell && s.rows.find((r) => r.name === cell.name);
    if (!cell || !row) return;
    const providerOf = (col: number): Provider | undefined => {
      const st = s.columns[col]?.state;
      return st?.kind === 'ok' ? st.providers.find((p) => p.name === cell.name) : undefined;
    };
    const [from, to] = direction === 'toCell' ? [cell.from, cell.col] : [cell.col, cell.from];
    const source = providerOf(from);
    const target = providerOf(to);
    const sourceProfile = s.columns[from]!.profile;
    const targetProfile = s.columns[to]!.profile;
    const session = sessions.current.get(targetProfile);
    if (!source) return dispatch({ type: 'message', text: `${cell.name} is not configured on ${sourceProfile}: nothing to push`, role: 'muted' });
    if (!session) return;
    if (session.connection.readOnly) return dispatch({ type: 'message', text: `${targetProfile} is read-only: nothing can be pushed to it`, role: 'warn' });
    const fields = cellFields(row, cell.col, cell.from).filter((f) => cell.marked.length === 0 || cell.marked.includes(f.path));
    const paths = fields.map((f) => f.segments);
    // Each gateway's Bifrost line (read with its providers): the push fits the target's fields and reads the source's.
    const lineOf = (col: number) => { const st = s.columns[col]?.state; return st?.kind === 'ok' ? st.rules : undefined; };
    const copy = { source: lineOf(from), target: lineOf(to) };
    if (!target) return review(sourceProfile, targetProfile, planDirectPush(cell.name, source, undefined, paths, copy));
    const { fields: draftFields, skipped, outsideEditor } = pushDraft(source, target, paths);
    // Fields the editor does not edit go through the same planned write as `fleet push`.
    if (outsideEditor.length > 0) return review(sourceProfile, targetProfile, planDirectPush(cell.name, source, target, paths, copy));
    const key = JSON.stringify([cell.name, cell.from, cell.col, cell.marked, direction]);
    try {
      // The target's form keeps a draft of the pushed edits while it is open: one left from before is someone's work.
      if (services.drafts && services.drafts.unrecovered(session.connection.gatewayKey, cell.name).length > 0) {
        return dispatch({ type: 'message', text: `${cell.name} on ${targetProfile} has an unsaved draft: finish it from that profile before pushing to it`, role: 'warn' });
      }
    } catch (err) {
      return dispatch({ type: 'message', text: errorMessage(err), role: 'error' });
    }
    if (Object.keys(draftFields).length === 0) {
      return dispatch({ type: 'message', text: `nothing the editor can push: ${skipped.join('; ')}`, role: 'warn' });
    }
    if (skipped.length > 0 && armed.current !== key) {
      armed.current = key;
      return dispatch({ type: 'message', text: `left out of the push: ${skipped.join('; ')} · ${direction === 'toCell' ? 'p' : 'P'} again pushes the rest`, role: 'warn' });
    }
    armed.current = undefined;
    // Nothing is written to disk here: the target's form gets the edits, keeps its own draft while open and
    // removes it when the push is saved or discarded.
    onPush(session, cell.name, {
      from: sourceProfile, to: targetProfile,
      draft: { original: target as Record<string, unknown>, edits: [], fields: draftFields as Draft['fields'], savedAt: new Date(services.now()).toISOString() },
    });
  };

  const review = (from: string, profile: string, plan: PlannedWrite): void => {
    if (plan.action === 'none') return dispatch({ type: 'message', text: `nothing to push: ${plan.notCopied.map((p) => `${p} differs and cannot be copied`).join('; ') || 'no change'}`, role: 'warn' });
    dispatch({ type: 'review', from, profile, plan });
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
    const writer = sessionWriter(services, session);
    const target = { kind: 'provider' as const, name: r.plan.name };
    dispatch({ type: 'message', text: `pushing ${r.plan.name} from ${r.from} to ${r.profile}…`, role: 'muted' });
    // The review of the plan against the copy it was planned on (no read: the commit re-reads right before writing).
    void writer.check(target, writePlanOf(r.plan), { current: (r.plan.fetched as Record<string, unknown> | undefined) ?? null }).then(async (checked) => {
      if (checked.kind === 'unchanged') return dispatch({ type: 'message', text: `nothing to push: ${r.plan.name} on ${r.profile} already matches`, role: 'muted' });
      const outcome = checked.kind === 'review' ? await writer.commit(checked.review) : checked;
      if (outcome.kind !== 'written') return dispatch({ type: 'message', text: `push to ${r.profile}: ${outcomeMessage(outcome, 'since the push was planned')}`, role: 'error' });
      dispatch({ type: 'close' });
      reload();
      const left = pushLeftNote(r.plan);
      const text = `pushed ${r.plan.name} from ${r.from} to ${r.profile}${r.plan.action === 'create' ? ' (created there)' : ''}${left ? `; ${left}` : ''}${outcome.notes.length ? `; ${outcome.notes[0]}` : ''}`;
      dispatch({ type: 'message', text, role: left || outcome.notes.length ? 'warn' : 'ok' });
    });
  };

  return { reload, push, confirm };
}

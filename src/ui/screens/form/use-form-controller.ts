/**
 * Effects of the form screen: load (with the draft offer), the save flow
 * (through the write pipeline: re-read, review, re-check, backup, write,
 * confirming read) and draft persistence. Everything is aborted on unmount;
 * every failure becomes a one-line message and keeps the edits.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../../../api/api-error.js';
import { createWriter, historyBackups } from '../../../write/pipeline.js';
import type { WriteOutcome } from '../../../state/write-rules/outcome.js';
import type { Provider } from '../../../api/wire.js';
import { scrubSecrets } from '../../../api/secrets.js';
import { rulesFor } from '../../../api/versions/version-rules.js';
import { toEdits } from '../../../state/provider/edit-model.js';
import { reduceFormScreen, type FormScreenAction } from '../../../state/form-screen/form-screen-reducer.js';
import type { FormScreenState } from '../../../state/form-screen/form-screen-state.js';
import { newProviderTemplate } from '../../../state/form-screen/new-provider.js';
import type { Draft, StoredDraft } from '../../../state/local-types.js';
import type { Services } from '../../services.js';

export interface FormControllerProps {
  services: Services;
  state: FormScreenState;
  getState: () => FormScreenState;
  dispatch: (a: FormScreenAction) => void;
  /** The name came from the built-in list or the new-provider screen, not from the gateway: a 404 means "configure it". */
  allowCreate: boolean;
  /** A custom provider to create: its base type. */
  createBase?: string;
  /** The screen is drawn (not covered by help or the too-small notice). */
  visible?: boolean;
  /** Edits pushed from another gateway (the fleet screen): applied once the provider is loaded, instead of a draft offer. */
  push?: { from: string; to: string; draft: Draft };
}

const clockText = (ms: number): string => new Date(ms).toTimeString().slice(0, 8);

export function useFormController({ services, state, getState, dispatch, allowCreate, createBase, visible = true, push }: FormControllerProps): { reload: () => void; editor?: string } {
  const { client, connection } = services.session;
  const name = state.name;
  const aborter = useRef<AbortController | null>(null);
  // This form is one editor: its own draft file, never shared with another editor of the provider.
  const [editor] = useState(() => services.drafts?.begin());
  const oneLine = (err: unknown): string => scrubSecrets(errorMessage(err), [connection.secret]);
  const scrubbed = (o: WriteOutcome): WriteOutcome => (o.kind === 'refused' || o.kind === 'may-have-landed' ? { ...o, message: scrubSecrets(o.message, [connection.secret]) } : o);
  // This screen's writes go through the one write pipeline, backed up in this gateway's history.
  const [writer] = useState(() => createWriter({
    client,
    ...(services.history ? { backups: historyBackups(services.history, connection.gatewayKey) } : {}),
    readOnly: connection.readOnly,
  }));

  const fresh = (): AbortSignal => {
    aborter.current?.abort();
    aborter.current = new AbortController();
    return aborter.current.signal;
  };

  const load = (): void => {
    const signal = fresh();
    dispatch({ type: 'load-started' });
    let drafts: StoredDraft[] | undefined;
    try {
      drafts = services.drafts?.unrecovered(connection.gatewayKey, name);
    } catch (err) {
      dispatch({ type: 'message', message: { text: `draft not readable, left on disk: ${oneLine(err)}`, role: 'warn' } });
    }
    // A push is applied with the first load only (a reload with its edits open is refused anyway).
    const pushing = push && getState().phase !== 'ready' ? { push } : {};
    client.getProvider(name, { signal }).then(
      (provider) => !signal.aborted && dispatch({ type: 'load-succeeded', provider, isNew: false, drafts: getState().phase === 'ready' || pushing.push ? undefined : drafts, ...pushing }),
      (err: unknown) => {
        if (signal.aborted) return;
        if (allowCreate && err instanceof ApiError && err.status === 404) {
          dispatch({ type: 'load-succeeded', provider: newProviderTemplate(name, createBase), isNew: true, drafts });
        } else dispatch({ type: 'load-failed', message: oneLine(err) });
      },
    );
  };

  // Load once per provider; abort whatever is in flight on unmount (this editor's draft is then unrecovered).
  useEffect(() => {
    load();
    return () => {
      aborter.current?.abort();
      if (editor) services.drafts?.end(editor);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per mount: session, name and services are fixed for a screen's life (the screen is keyed by them)
  }, [name, client]);

  // The gateway's Bifrost line (asked once per session): its defaults for unset network settings.
  useEffect(() => {
    let live = true;
    client.version().then(
      (v) => live && dispatch({ type: 'gateway-known', networkDefaults: rulesFor(v).networkDefaults }),
      () => undefined,
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per mount: the client is fixed for a screen's life
  }, [client]);

  // Save flow, step 2: the pipeline reads the gateway again and knows its dialect (version); the reducer checks the form against that copy (write-rules/check).
  useEffect(() => {
    if (state.mode.kind !== 'checking') return;
    const signal = fresh();
    Promise.all([writer.read({ kind: 'provider', name }, { signal }), writer.dialect({ signal })]).then(
      ([p, dialect]) => !signal.aborted && dispatch({ type: 'fresh-fetched', fresh: p as Provider | null, dialect }),
      (err: unknown) => !signal.aborted && dispatch({ type: 'save-failed', message: oneLine(err) }),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a save-flow step triggered by its mode; the rest is fixed for the screen's life or read through getState
  }, [state.mode.kind]);

  // Save flow, step 3: the review is on screen once this runs (Ink writes the frame when React commits, before layout effects).
  const reviewed = state.mode.kind === 'review' ? state.mode.review : undefined;
  // A review built behind the help or the too-small notice is not shown until that closes.
  useLayoutEffect(() => {
    if (reviewed && visible) dispatch({ type: 'review-shown' });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- fires when a review is drawn and visible; dispatch is stable
  }, [reviewed, visible]);

  // Save flow, step 4: the pipeline commits exactly the reviewed write (re-check, backup, write, confirming read).
  useEffect(() => {
    if (state.mode.kind !== 'saving') return;
    const s = getState();
    if (s.mode.kind !== 'saving') return;
    const { review } = s.mode;
    const signal = fresh();
    void writer.commit(review, { signal }).then((outcome) => {
      if (signal.aborted) return;
      if (outcome.kind === 'written') {
        try {
          services.drafts?.clear(connection.gatewayKey, name, editor);
        } catch {
          // A stale draft is offered again next time; harmless.
        }
      }
      dispatch({ type: 'write-finished', outcome: scrubbed(outcome), at: clockText(services.now()) });
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a save-flow step triggered by its mode; the rest is fixed for the screen's life or read through getState
  }, [state.mode.kind]);

  // A draft restored here (now carried by this editor's draft) or discarded: its file goes.
  // Declared before the draft writer, so restoring this editor's own file never removes the new one.
  useEffect(() => {
    if (!state.consumedDraft || !services.drafts) return;
    try {
      services.drafts.clear(connection.gatewayKey, name, state.consumedDraft.editor);
    } catch (err) {
      dispatch({ type: 'message', message: { text: `could not remove the old draft: ${oneLine(err)}`, role: 'warn' } });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs when a draft is consumed; connection and name are fixed for the screen's life
  }, [state.consumedDraft]);

  // Drafts: written on every committed edit, so nothing typed is lost on a crash or a dropped SSH session.
  const offering = state.mode.kind === 'draft' || state.phase !== 'ready';
  useEffect(() => {
    if (offering || !services.drafts || !editor) return;
    try {
      if (state.form.edits.size === 0) services.drafts.clear(connection.gatewayKey, name, editor);
      else services.drafts.save(connection.gatewayKey, name, editor, draftOf(getState()));
    } catch (err) {
      dispatch({ type: 'message', message: { text: `could not write the draft: ${oneLine(err)}`, role: 'warn' } });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs when the edits change; connection, name and editor are fixed for the screen's life
  }, [state.form.edits, offering]);

  // On SIGHUP/SIGTERM also keep the text being typed into a field.
  useEffect(() => {
    if (!services.onBeforeExit || !services.drafts || !editor) return;
    return services.onBeforeExit(() => {
      const now = getState();
      if (now.phase !== 'ready' || now.mode.kind === 'draft') return;
      // An open map editor or flags grid has not committed its changes to the form yet: keep them too.
      const s = now.mode.kind === 'map' ? reduceFormScreen(now, { type: 'map-done' }) : now.mode.kind === 'flags' ? reduceFormScreen(now, { type: 'flags-done' }) : now;
      const pending = s.mode.kind === 'edit' ? { fieldId: s.mode.fieldId, text: s.mode.editor.text } : undefined;
      if (s.form.edits.size === 0 && !pending) return;
      services.drafts?.save(connection.gatewayKey, name, editor, { ...draftOf(s), ...(pending ? { pending } : {}) });
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- registers once; the hook reads the latest state through getState
  }, [services, name]);

  return { reload: load, editor };
}

/** The on-disk form of the current edits. */
export function draftOf(s: FormScreenState): Draft {
  return {
    original: s.form.original as Record<string, unknown>,
    edits: toEdits(s.form).map((e) => ({ path: [...e.path], ...(e.remove ? { remove: true } : { value: e.value }) })),
    fields: Object.fromEntries([...s.form.edits].map(([id, e]) => [id, { ...e }])),
    savedAt: new Date().toISOString(),
  };
}

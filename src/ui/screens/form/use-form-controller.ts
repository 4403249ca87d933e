/**
 * Effects of the form screen: load (with the draft offer), the save flow
 * (re-GET, backup, PUT, status refresh) and draft persistence. Everything is
 * aborted on unmount; every failure becomes a one-line message and keeps the
 * edits.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../../../api/api-error.js';
import type { Provider } from '../../../api/wire.js';
import { scrubSecrets } from '../../../api/secrets.js';
import { serverChanges } from '../../../state/provider/diff.js';
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
  /** The name came from the built-in list, not from the gateway: a 404 means "configure it". */
  allowCreate: boolean;
  /** The screen is drawn (not covered by help or the too-small notice). */
  visible?: boolean;
}

const clockText = (ms: number): string => new Date(ms).toTimeString().slice(0, 8);

export function useFormController({ services, state, getState, dispatch, allowCreate, visible = true }: FormControllerProps): { reload: () => void; editor?: string } {
  const { client, connection } = services.session;
  const name = state.name;
  const aborter = useRef<AbortController | null>(null);
  // This form is one editor: its own draft file, never shared with another editor of the provider.
  const [editor] = useState(() => services.drafts?.begin());
  const oneLine = (err: unknown): string => scrubSecrets(errorMessage(err), [connection.secret]);

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
    client.getProvider(name, { signal }).then(
      (provider) => !signal.aborted && dispatch({ type: 'load-succeeded', provider, isNew: false, drafts: getState().phase === 'ready' ? undefined : drafts }),
      (err: unknown) => {
        if (signal.aborted) return;
        if (allowCreate && err instanceof ApiError && err.status === 404) {
          dispatch({ type: 'load-succeeded', provider: newProviderTemplate(name), isNew: true, drafts });
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

  // Save flow, step 2: re-GET to detect someone else's change.
  useEffect(() => {
    if (state.mode.kind !== 'checking') return;
    const signal = fresh();
    client.getProvider(name, { signal }).then(
      (p) => !signal.aborted && dispatch({ type: 'fresh-fetched', fresh: p }),
      (err: unknown) => {
        if (signal.aborted) return;
        if (err instanceof ApiError && err.status === 404) dispatch({ type: 'fresh-fetched', fresh: null });
        else dispatch({ type: 'save-failed', message: oneLine(err) });
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a save-flow step triggered by its mode; the rest is fixed for the screen's life or read through getState
  }, [state.mode.kind]);

  // Save flow, step 3: the review is on screen once this runs (Ink writes the frame when React commits, before layout effects).
  const reviewBody = state.mode.kind === 'review' ? state.mode.body : undefined;
  // A review built behind the help or the too-small notice is not shown until that closes.
  useLayoutEffect(() => {
    if (reviewBody && visible) dispatch({ type: 'review-shown' });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- fires when a review is drawn and visible; dispatch is stable
  }, [reviewBody, visible]);

  // Save flow, step 4-5: re-check that the gateway still has the copy the review was built on, back it up,
  // PUT exactly the reviewed body, refresh the status.
  useEffect(() => {
    if (state.mode.kind !== 'saving') return;
    const s = getState();
    if (s.mode.kind !== 'saving') return;
    const { body, backup } = s.mode;
    const signal = fresh();
    const failed = (message: string): void => {
      if (!signal.aborted) dispatch({ type: 'save-failed', message });
    };
    void (async () => {
      let now: Provider | null;
      try {
        now = await client.getProvider(name, { signal });
      } catch (err) {
        if (!(err instanceof ApiError && err.status === 404)) return failed(`could not re-check the gateway before writing, nothing was written: ${oneLine(err)}`);
        now = null;
      }
      if (signal.aborted) return;
      if (backup ? now === null || serverChanges(backup, now).length > 0 : now !== null) {
        dispatch({ type: 'recheck-changed', fresh: now });
        return;
      }
      let entry: string | undefined;
      try {
        if (backup && services.history) entry = services.history.append(connection.gatewayKey, name, backup as Record<string, unknown>);
      } catch (err) {
        return failed(`could not back up the current version, not saving: ${oneLine(err)}`);
      }
      let saved: Provider;
      try {
        saved = await client.updateProvider(name, body, { signal });
      } catch (err) {
        // The gateway answered and refused: nothing was written, so there is nothing to keep a backup of.
        // After a timeout or a dropped connection the write may still land: the backup stays.
        if (entry && err instanceof ApiError && err.status !== undefined && err.status >= 400 && err.status < 500) dropHistory(entry);
        return failed(oneLine(err));
      }
      if (signal.aborted) return;
      try {
        services.drafts?.clear(connection.gatewayKey, name, editor);
      } catch {
        // A stale draft is offered again next time; harmless.
      }
      dispatch({ type: 'save-succeeded', saved, at: clockText(services.now()) });
      // PUT answers "active" whatever the truth is (CONTRACT §4.3): ask again.
      client.getProvider(name, { signal }).then(
        (p) => !signal.aborted && dispatch({ type: 'status-refreshed', provider: p }),
        () => undefined,
      );
    })();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a save-flow step triggered by its mode; the rest is fixed for the screen's life or read through getState
  }, [state.mode.kind]);

  const dropHistory = (id: string): void => {
    try {
      services.history?.remove(connection.gatewayKey, name, id);
    } catch {
      // An entry left behind is a harmless extra backup.
    }
  };

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

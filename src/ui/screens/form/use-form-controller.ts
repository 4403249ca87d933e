/**
 * Effects of the form screen: load (with the draft offer), the save flow
 * (re-GET, backup, PUT, status refresh) and draft persistence. Everything is
 * aborted on unmount; every failure becomes a one-line message and keeps the
 * edits.
 */
import { useEffect, useRef } from 'react';
import { ApiError, errorMessage } from '../../../api/api-error.js';
import type { Provider } from '../../../api/wire.js';
import { scrubSecrets } from '../../../api/secrets.js';
import { buildBody, toEdits } from '../../../state/form/edit-model.js';
import { reduceFormScreen, type FormScreenAction } from '../../../state/form-screen/form-screen-reducer.js';
import type { FormScreenState } from '../../../state/form-screen/form-screen-state.js';
import { newProviderTemplate } from '../../../state/form-screen/new-provider.js';
import type { Draft } from '../../../state/local-types.js';
import type { Services } from '../../services.js';

export interface FormControllerProps {
  services: Services;
  state: FormScreenState;
  getState: () => FormScreenState;
  dispatch: (a: FormScreenAction) => void;
  /** The name came from the built-in list, not from the gateway: a 404 means "configure it". */
  allowCreate: boolean;
}

const clockText = (ms: number): string => new Date(ms).toTimeString().slice(0, 8);

export function useFormController({ services, state, getState, dispatch, allowCreate }: FormControllerProps): { reload: () => void } {
  const { client, connection } = services.session;
  const name = state.name;
  const aborter = useRef<AbortController | null>(null);
  const oneLine = (err: unknown): string => scrubSecrets(errorMessage(err), [connection.secret]);

  const fresh = (): AbortSignal => {
    aborter.current?.abort();
    aborter.current = new AbortController();
    return aborter.current.signal;
  };

  const load = (): void => {
    const signal = fresh();
    dispatch({ type: 'load-started' });
    let draft: Draft | undefined;
    try {
      draft = services.drafts?.load(connection.gatewayKey, name);
    } catch (err) {
      dispatch({ type: 'message', message: { text: `draft not readable, left on disk: ${oneLine(err)}`, role: 'warn' } });
    }
    client.getProvider(name, { signal }).then(
      (provider) => !signal.aborted && dispatch({ type: 'load-succeeded', provider, isNew: false, draft: getState().phase === 'ready' ? undefined : draft }),
      (err: unknown) => {
        if (signal.aborted) return;
        if (allowCreate && err instanceof ApiError && err.status === 404) {
          dispatch({ type: 'load-succeeded', provider: newProviderTemplate(name), isNew: true, draft });
        } else dispatch({ type: 'load-failed', message: oneLine(err) });
      },
    );
  };

  // Load once per provider; abort whatever is in flight on unmount.
  useEffect(() => {
    load();
    return () => aborter.current?.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
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
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.mode.kind]);

  // Save flow, step 4-5: back up what the gateway has, PUT the complete object, refresh status.
  useEffect(() => {
    if (state.mode.kind !== 'saving') return;
    const s = getState();
    const signal = fresh();
    const body = buildBody(s.form);
    const backupOf = s.mode.kind === 'saving' ? (s.mode.backup as Record<string, unknown> | undefined) : undefined;
    try {
      if (backupOf) services.history?.append(connection.gatewayKey, name, backupOf);
    } catch (err) {
      dispatch({ type: 'save-failed', message: `could not back up the current version, not saving: ${oneLine(err)}` });
      return;
    }
    client.updateProvider(name, body, { signal }).then(
      (saved: Provider) => {
        if (signal.aborted) return;
        try {
          services.drafts?.clear(connection.gatewayKey, name);
        } catch {
          // A stale draft is offered again next time; harmless.
        }
        dispatch({ type: 'save-succeeded', saved, at: clockText(services.now()) });
        // PUT answers "active" whatever the truth is (CONTRACT §4.3): ask again.
        client.getProvider(name, { signal }).then(
          (p) => !signal.aborted && dispatch({ type: 'status-refreshed', provider: p }),
          () => undefined,
        );
      },
      (err: unknown) => !signal.aborted && dispatch({ type: 'save-failed', message: oneLine(err) }),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.mode.kind]);

  // Drafts: written on every committed edit, so nothing typed is lost on a crash or a dropped SSH session.
  const offering = state.mode.kind === 'draft' || state.phase !== 'ready';
  useEffect(() => {
    if (offering || !services.drafts) return;
    try {
      if (state.form.edits.size === 0) services.drafts.clear(connection.gatewayKey, name);
      else services.drafts.save(connection.gatewayKey, name, draftOf(getState()));
    } catch (err) {
      dispatch({ type: 'message', message: { text: `could not write the draft: ${oneLine(err)}`, role: 'warn' } });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.form.edits, offering]);

  // On SIGHUP/SIGTERM also keep the text being typed into a field.
  useEffect(() => {
    if (!services.onBeforeExit || !services.drafts) return;
    return services.onBeforeExit(() => {
      const now = getState();
      if (now.phase !== 'ready' || now.mode.kind === 'draft') return;
      // An open map editor or flags grid has not committed its changes to the form yet: keep them too.
      const s = now.mode.kind === 'map' ? reduceFormScreen(now, { type: 'map-done' }) : now.mode.kind === 'flags' ? reduceFormScreen(now, { type: 'flags-done' }) : now;
      const pending = s.mode.kind === 'edit' ? { fieldId: s.mode.fieldId, text: s.mode.editor.text } : undefined;
      if (s.form.edits.size === 0 && !pending) return;
      services.drafts?.save(connection.gatewayKey, name, { ...draftOf(s), ...(pending ? { pending } : {}) });
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [services, name]);

  return { reload: load };
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

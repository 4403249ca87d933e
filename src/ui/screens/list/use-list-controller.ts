/** Effects of the list screen: loading providers, aborted on unmount or on a newer load. */
import { useCallback, useEffect, useRef } from 'react';
import { ApiError, errorMessage } from '../../../api/api-error.js';
import type { ListAction, LoadError } from '../../../state/list/list-reducer.js';
import type { Services } from '../../services.js';

/** Maps any failure to what the list screen shows. */
export function toLoadError(err: unknown): LoadError {
  if (err instanceof ApiError) {
    if (err.isAuth) return { kind: 'auth', message: err.message, status: err.status };
    if (err.kind !== 'http') return { kind: 'network', message: err.message };
    return { kind: 'gateway', message: err.message, status: err.status };
  }
  return { kind: 'gateway', message: errorMessage(err) };
}

export function useListController(services: Services, dispatch: (action: ListAction) => void): { reload: () => void } {
  const inflight = useRef<AbortController | null>(null);
  const reload = useCallback(() => {
    inflight.current?.abort();
    const ctrl = new AbortController();
    inflight.current = ctrl;
    dispatch({ type: 'load-started' });
    const request = services.session.takePrefetchedList?.() ?? services.session.client.listProviders({ signal: ctrl.signal });
    request.then(
      (providers) => {
        if (!ctrl.signal.aborted) dispatch({ type: 'load-succeeded', providers, at: services.now() });
      },
      (err: unknown) => {
        if (!ctrl.signal.aborted) dispatch({ type: 'load-failed', error: toLoadError(err) });
      },
    );
  }, [services, dispatch]);

  useEffect(() => {
    reload();
    return () => inflight.current?.abort();
  }, [reload]);

  return { reload };
}

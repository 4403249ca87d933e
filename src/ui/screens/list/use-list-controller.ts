/** Effects of the list screen: loading providers, aborted on unmount or on a newer load. */
import { useCallback, useEffect, useRef } from 'react';
import { ApiError, errorMessage } from '../../../api/api-error.js';
import type { ListAction, LoadError } from '../../../state/list/list-reducer.js';
import type { PrefetchedList, Services } from '../../services.js';

/** Maps any failure to what the list screen shows. */
export function toLoadError(err: unknown): LoadError {
  if (err instanceof ApiError) {
    if (err.isAuth) return { kind: 'auth', message: err.message, status: err.status };
    if (err.kind !== 'http') return { kind: 'network', message: err.message };
    return { kind: 'gateway', message: err.message, status: err.status };
  }
  return { kind: 'gateway', message: errorMessage(err) };
}

/**
 * Loads the list on mount and on `reload`. The first load uses `prefetched` (the request started
 * before the UI); when that had already succeeded, the initial state holds it and nothing is sent.
 */
export function useListController(
  services: Services,
  dispatch: (action: ListAction) => void,
  prefetched?: PrefetchedList,
): { reload: () => void } {
  const inflight = useRef<AbortController | null>(null);
  const unused = useRef(prefetched);
  const reload = useCallback(() => {
    inflight.current?.abort();
    const pre = unused.current;
    unused.current = undefined;
    if (pre?.providers) return;
    const ctrl = new AbortController();
    inflight.current = ctrl;
    dispatch({ type: 'load-started' });
    const request = pre?.promise ?? services.session.client.listProviders({ signal: ctrl.signal });
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

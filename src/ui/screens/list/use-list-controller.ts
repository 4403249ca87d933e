/** Effects of the list screen: loading providers (aborted on unmount or on a newer load) and the quiet background refresh. */
import { useCallback, useEffect, useRef } from 'react';
import { ApiError, errorMessage } from '../../../api/api-error.js';
import type { ListAction, LoadError } from '../../../state/list/list-reducer.js';
import { ACTIVITY_DELAY_MS, nextRefreshSeconds } from '../../../state/list/live-status.js';
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

/** When and whether to refresh in the background. */
export interface AutoRefresh {
  /** Interval in seconds; 0 or absent turns it off. */
  seconds?: number;
  /** True while the list is not shown or something is being typed: the refresh waits. */
  paused: () => boolean;
}

/**
 * Loads the list on mount and on `reload`. The first load uses `prefetched` (the request started
 * before the UI); when that had already succeeded, the initial state holds it and nothing is sent.
 * With `auto`, one GET per interval while not paused, never two requests in flight (a manual reload
 * counts), backing off on errors. `confirmedAt` is when the gateway last answered, also with an
 * unchanged list (which changes no state, so nothing is redrawn).
 */
export function useListController(
  services: Services,
  dispatch: (action: ListAction) => void,
  prefetched?: PrefetchedList,
  auto?: AutoRefresh,
): { reload: () => void; confirmedAt: () => number | undefined } {
  const inflight = useRef<AbortController | null>(null);
  const unused = useRef(prefetched);
  const confirmed = useRef<number | undefined>(undefined);
  const reload = useCallback(() => {
    inflight.current?.abort();
    const pre = unused.current;
    unused.current = undefined;
    if (pre?.providers) return;
    const ctrl = new AbortController();
    inflight.current = ctrl;
    dispatch({ type: 'load-started' });
    const request = pre?.promise ?? services.session.client.listProviderSummaries({ signal: ctrl.signal });
    request.then(
      (providers) => {
        if (ctrl.signal.aborted) return;
        confirmed.current = services.now();
        dispatch({ type: 'load-succeeded', providers, at: confirmed.current });
      },
      (err: unknown) => {
        if (!ctrl.signal.aborted) dispatch({ type: 'load-failed', error: toLoadError(err) });
      },
    ).finally(() => {
      if (inflight.current === ctrl) inflight.current = null;
    });
  }, [services, dispatch]);

  useEffect(() => {
    reload();
    return () => inflight.current?.abort();
  }, [reload]);

  const paused = useRef(auto?.paused);
  paused.current = auto?.paused;
  const seconds = auto?.seconds ?? 0;
  useEffect(() => {
    if (!(seconds > 0)) return;
    let failures = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const schedule = (): void => {
      timer = setTimeout(tick, nextRefreshSeconds(seconds, failures) * 1000);
    };
    const tick = (): void => {
      if (stopped) return;
      if (inflight.current || paused.current?.()) return schedule();
      const ctrl = new AbortController();
      inflight.current = ctrl;
      const slow = setTimeout(() => dispatch({ type: 'refresh-activity' }), ACTIVITY_DELAY_MS);
      services.session.client.listProviderSummaries({ signal: ctrl.signal }).then(
        (providers) => {
          if (ctrl.signal.aborted) return;
          failures = 0;
          confirmed.current = services.now();
          dispatch({ type: 'refresh-succeeded', providers, at: confirmed.current });
        },
        (err: unknown) => {
          if (ctrl.signal.aborted) return;
          failures += 1;
          dispatch({ type: 'refresh-failed', message: toLoadError(err).message, retryInSeconds: nextRefreshSeconds(seconds, failures) });
        },
      ).finally(() => {
        clearTimeout(slow);
        if (inflight.current === ctrl) inflight.current = null;
        if (!stopped) schedule();
      });
    };
    schedule();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [seconds, services, dispatch]);

  return { reload, confirmedAt: useCallback(() => confirmed.current, []) };
}

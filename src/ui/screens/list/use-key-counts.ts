/**
 * Keys per provider for the list's KEYS column: one `GET /api/keys` per list
 * load, grouped by provider. When that is refused or missing (older builds,
 * no `VirtualKeys:View`), the focused provider's keys are counted lazily.
 */
import { useEffect, useRef } from 'react';
import { getOwn } from '../../../api/json-limits.js';
import { countKeysByProvider, keyCountsDue, type ListAction, type ListState } from '../../../state/list/list-reducer.js';
import type { Services } from '../../services.js';

export function useKeyCounts(services: Services, state: ListState, dispatch: (a: ListAction) => void): void {
  const alive = useRef(true);
  useEffect(() => () => void (alive.current = false), []);
  const { client } = services.session;

  const at = state.loads;
  const due = keyCountsDue(state);
  useEffect(() => {
    if (!due) return;
    client.listAllKeys().then(
      (items) => alive.current && dispatch({ type: 'key-counts', counts: countKeysByProvider(items), at }),
      () => alive.current && dispatch({ type: 'key-counts', counts: {}, lazy: true, at }),
    );
  }, [client, at, due, dispatch]);

  const focused = state.rows[state.cursor];
  const name = focused?.provider ? focused.name : undefined;
  const needed = state.keyCountsLazy && name !== undefined && getOwn(state.keyCounts, name) === undefined;
  useEffect(() => {
    if (!needed || name === undefined) return;
    client.listKeys(name).then(
      (keys) => alive.current && dispatch({ type: 'key-counts', counts: { [name]: keys.length }, lazy: true }),
      () => undefined,
    );
  }, [client, needed, name, dispatch]);
}

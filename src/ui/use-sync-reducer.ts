/**
 * useReducer whose current state is readable synchronously, so several keys
 * handled before the next render each see the state the previous one left.
 */
import { useCallback, useRef, useState } from 'react';

export function useSyncReducer<S, A>(reducer: (s: S, a: A) => S, init: () => S): [S, (a: A) => void, () => S] {
  const ref = useRef<S | null>(null);
  if (ref.current === null) ref.current = init();
  const [, setTick] = useState(0);
  const dispatch = useCallback(
    (action: A) => {
      const next = reducer(ref.current as S, action);
      if (next !== ref.current) {
        ref.current = next;
        setTick((t) => t + 1);
      }
    },
    [reducer],
  );
  const get = useCallback(() => ref.current as S, []);
  return [ref.current, dispatch, get];
}

/** The shell's live session: switching closes the old client and starts the provider list over. */
import { useCallback, useMemo, useRef, useState } from 'react';
import { initialListState, listReducer } from '../../../state/list/list-reducer.js';
import { withReset, type ResetAction } from '../../../state/profiles/list-reset.js';
import type { Services, Session } from '../../services.js';

/** The list reducer plus `{type:'reset'}` (keeps the viewport height). */
export const resettableListReducer = withReset(listReducer, (s) => initialListState(s.viewportHeight));

export function useSwitchableSession(initial: Services, dispatchList: (a: ResetAction) => void): { services: Services; switchSession: (next: Session) => void } {
  const [session, setSession] = useState(initial.session);
  const current = useRef(session);
  const services = useMemo(
    () => (session === initial.session ? initial : { ...initial, session, firstRun: false }),
    [initial, session],
  );
  const switchSession = useCallback(
    (next: Session) => {
      const old = current.current;
      current.current = next;
      dispatchList({ type: 'reset' });
      setSession(next);
      if (old.client !== next.client) void old.client.close().catch(() => undefined);
    },
    [dispatchList],
  );
  return { services, switchSession };
}

/** One fresh read of a provider for a screen that plans a write on it; aborted on unmount. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../../api/api-error.js';
import { scrubSecrets } from '../../../api/secrets.js';
import type { Services, Session } from '../../services.js';
import { sessionWriter } from '../../session-writer.js';

export type ProviderRead =
  | { kind: 'loading' }
  /** `provider` null: the gateway has no such provider. */
  | { kind: 'ready'; provider: Record<string, unknown> | null }
  | { kind: 'failed'; message: string };

export function useProviderRead(services: Services, name: string, session: Session = services.session): { read: ProviderRead; again: () => void } {
  const [read, setRead] = useState<ProviderRead>({ kind: 'loading' });
  const aborter = useRef<AbortController | null>(null);
  const again = useCallback(() => {
    aborter.current?.abort();
    const ctl = new AbortController();
    aborter.current = ctl;
    setRead({ kind: 'loading' });
    sessionWriter(services, session).read({ kind: 'provider', name }, { signal: ctl.signal }).then(
      (provider) => !ctl.signal.aborted && setRead({ kind: 'ready', provider }),
      (err: unknown) => !ctl.signal.aborted && setRead({ kind: 'failed', message: scrubSecrets(errorMessage(err), [session.connection.secret]) }),
    );
  }, [services, session, name]);
  useEffect(() => {
    again();
    return () => aborter.current?.abort();
  }, [again]);
  return { read, again };
}

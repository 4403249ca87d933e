/**
 * The gateway's version in the header (`gateway v1.5.2`). The app asks the
 * client once per session, after the first provider list has loaded: the list
 * comes first on a slow link, the version costs one request (the client keeps
 * it, and reuses that list if it has to probe), and a test that scripts the
 * requests sees it in a fixed place.
 */
import { createContext, useContext, useEffect, useState } from 'react';
import { formatGatewayVersion } from '../api/versions/gateway-version.js';
import type { Session } from './services.js';

/** The version text of the connection with this gateway key, when known. */
export const GatewayVersionContext = createContext<(gatewayKey: string) => string | undefined>(() => undefined);

/** The header's version text for a connection (undefined until known, or when it cannot be found). */
export function useGatewayVersionText(gatewayKey: string): string | undefined {
  return useContext(GatewayVersionContext)(gatewayKey);
}

/** Finds the session's version once its list has loaded; returns the lookup the context provides. */
export function useGatewayVersions(session: Session, listLoaded: boolean): (gatewayKey: string) => string | undefined {
  const [known, setKnown] = useState<Readonly<Record<string, string>>>({});
  const key = session.connection.gatewayKey;
  const missing = known[key] === undefined;
  useEffect(() => {
    if (!listLoaded || !missing) return;
    let live = true;
    session.client.version().then(
      (v) => {
        if (live) setKnown((k) => ({ ...k, [key]: formatGatewayVersion(v) }));
      },
      // Unknown stays unshown: the list works without it, and the next session asks again.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [session, key, listLoaded, missing]);
  return (gatewayKey) => known[gatewayKey];
}

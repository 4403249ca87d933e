/**
 * The dialect a gateway speaks (DESIGN.md rule 11), found before its first
 * write: its version (`client.version()`, one `GET /api/version` per client,
 * or the probes) and, on a line with the v2 admin-session gates, whether its
 * dashboard auth is off (`GET /api/session/is-auth-enabled`, public), which
 * is when the gates answer 403. Once per client.
 */
import type { CallOptions, GatewayClient } from '../api/types.js';
import { rulesFor } from '../api/versions/version-rules.js';
import { dialectFor, type WriteDialect } from '../state/write-rules/dialect.js';

const known = new WeakMap<GatewayClient, Promise<WriteDialect>>();

/** The dialect of the gateway behind `client`; a failure is forgotten, so the next write asks again. Rejects with the client's ApiError. */
export function gatewayDialect(client: GatewayClient, opts?: CallOptions): Promise<WriteDialect> {
  let found = known.get(client);
  if (found) return found;
  found = (async () => {
    const version = await client.version(opts);
    if (!rulesFor(version).gates) return dialectFor(version);
    // Unknown auth (the status route failed): the gates are not assumed, the gateway's 403 still names the fields.
    const gatesOpen = await client.authStatus(opts).then((s) => s.is_auth_enabled === false, () => false);
    return dialectFor(version, { gatesOpen });
  })();
  known.set(client, found);
  found.catch(() => known.delete(client));
  return found;
}

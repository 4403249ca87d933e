/**
 * Everything the UI reaches outside itself, passed in as one object so tests
 * can swap in a loopback client or a temp-dir store. The UI never imports
 * undici or conf.
 */
import type { GatewayClient } from '../api/types.js';
import type { ConnectionInfo } from '../connect.js';

export type { ConnectionInfo } from '../connect.js';

/** One live connection. */
export interface Session {
  client: GatewayClient;
  connection: ConnectionInfo;
}

export interface Services {
  session: Session;
  /** Clock, injectable for tests. */
  now(): number;
}

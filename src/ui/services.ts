/**
 * Everything the UI reaches outside itself, passed in as one object so tests
 * can swap in a loopback client or a temp-dir store. The UI never imports
 * undici or conf.
 */
import type { GatewayClient } from '../api/types.js';

/** Where the app is connected, as shown in the header. */
export interface ConnectionInfo {
  url: string;
  authMode: 'none' | 'bearer' | 'basic';
  /** Profile name, when connected through a profile. */
  profile?: string;
  label?: string;
  /** Label colour name (red, yellow, ...). */
  color?: string;
  readOnly: boolean;
  /** Stable key of this gateway for drafts and history. */
  gatewayKey: string;
  /** The secret in use, so output can be scrubbed of it. Never rendered. */
  secret?: string;
}

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

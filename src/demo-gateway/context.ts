/** What route handlers receive. */
import type { ProviderStore } from './store.js';
import type { DemoProfile } from './versions.js';

/** One parsed request. */
export interface DemoRequest {
  method: string;
  /** Path without query, still URL-encoded. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** Parsed JSON body; `jsonOk` is false when the body is not valid JSON. */
  json: unknown;
  jsonOk: boolean;
}

export interface RouteContext {
  store: ProviderStore;
  /** The release line played. */
  profile: DemoProfile;
  /** Dashboard auth is off, so writes pass only the fail-open bypass: the v2 gates answer 403 (§5.6). */
  authBypassed: boolean;
  saveDelayMs: number;
  /** A timer that `close()` cancels. */
  sleep(ms: number): Promise<void>;
}

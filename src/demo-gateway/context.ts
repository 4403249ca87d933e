/** What route handlers receive. */
import type { ProviderStore } from './store.js';

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
  saveDelayMs: number;
  /** A timer that `close()` cancels. */
  sleep(ms: number): Promise<void>;
}

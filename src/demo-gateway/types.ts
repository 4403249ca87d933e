/** Public types of the demo gateway (a loopback stand-in of the management API). */
import type { Provider } from '../api/wire.js';
import type { DemoVersion } from './versions.js';

/** Auth the demo gateway enforces on `/api/*` (public routes excepted). */
export type DemoAuth =
  | { kind: 'none' }
  | { kind: 'bearer'; token: string }
  | { kind: 'basic'; username: string; password: string };

/** Fault switches for tests; all off by default. A fault applies to requests matching `method`/`path` (prefix) when given. */
export interface DemoFault {
  method?: string;
  /** Path prefix, e.g. `/api/providers/openai`. */
  path?: string;
  /** Delay before answering, ms. */
  latencyMs?: number;
  /** Answer with this status and the standard error body (message below). */
  status?: number;
  message?: string;
  /** Answer with this raw non-JSON body (with `status` or 502). */
  rawBody?: string;
  /** Send half a JSON body and close. */
  truncate?: boolean;
  /** Destroy the socket without answering. */
  reset?: boolean;
  /** Never answer (until close). */
  hang?: boolean;
  /** Apply only this many times, then remove itself (default: forever). */
  times?: number;
}

/** One request as the demo gateway received it. */
export interface RecordedRequest {
  method: string;
  /** Path with query, as received (still URL-encoded). */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  /** Raw body text ('' when none). */
  body: string;
  /** Parsed JSON body, or undefined when not JSON. */
  json?: unknown;
  /** When it arrived (performance.now() of this process), to line it up with other events in tests. */
  at: number;
  /** The status of the reply, once sent; absent while pending or when no reply was sent (reset, hang, truncation). */
  status?: number;
  /** For a write to /api/providers/{name}: the provider as GET showed it when the request arrived (absent if none). */
  previous?: unknown;
}

export interface DemoGatewayOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  auth?: DemoAuth;
  /** Replace the seeded providers (stored form, unredacted). */
  seed?: Provider[];
  /** Extra seeded providers count for load tests (named `bench-00001` ...). */
  extraProviders?: number;
  /** Simulated model-discovery delay on PUT/POST, ms (default 0; `--demo` uses ~600). */
  saveDelayMs?: number;
  /** The Bifrost release line to play (VERSIONS.md §8); default the newest, 2.2. */
  version?: DemoVersion;
  /** What `GET /api/version` answers instead of the line's release (e.g. `v1.0.0`, a dev build); null: the route answers the dashboard. */
  reportedVersion?: string | null;
  /** v2.2: dashboard auth is off, so writes pass only the fail-open bypass and the admin-session gates answer 403 (§5.6). */
  authBypassed?: boolean;
  /** v2.2: the gateway is locked until setup; `/api` calls need this in `X-Bifrost-Setup-Token` (§5.6). */
  setupToken?: string;
}

export interface DemoGateway {
  readonly url: string;
  /** The release line played. */
  readonly version: DemoVersion;
  readonly port: number;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** Add a fault; returns a function that removes it. */
  addFault(fault: DemoFault): () => void;
  clearFaults(): void;
  /** Change a stored provider behind the client's back (for conflict tests). */
  mutateProvider(name: string, change: (stored: Provider) => void): void;
  /** The stored (unredacted) provider, for assertions. */
  storedProvider(name: string): Provider | undefined;
  close(): Promise<void>;
}

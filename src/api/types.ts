/** Types of the management-API client. The implementation is `client.ts`. */
import type { AuthStatus, Key, KeySummary, Provider, UpdateBody } from './wire.js';
import type { ProviderSummary } from './provider-summary.js';
import type { GatewayVersion } from './versions/gateway-version.js';

/** How the client authenticates to the management API. */
export type Auth =
  | { kind: 'none' }
  | { kind: 'bearer'; token: string }
  | { kind: 'basic'; username: string; password: string };

/** Connection settings for one gateway. */
export interface ClientOptions {
  /** e.g. `http://localhost:8080` (no trailing `/api`). */
  baseUrl: string;
  auth: Auth;
  /** Sent as `X-Bifrost-Setup-Token` on every request (a v2.2.6 gateway locked until setup). Never shown. */
  setupToken?: string;
  /** Default per-call timeout for reads, ms (default 10 000). Writes use max(this, 30 000). */
  timeoutMs?: number;
  /** PEM file of a CA to trust for the management connection. */
  caFile?: string;
  /** Skip TLS verification of the management connection. */
  insecure?: boolean;
  /** Most bytes read from one reply (default 64 MiB); past it the call fails as a bad reply. */
  maxResponseBytes?: number;
  /** Retries for idempotent GETs on transport errors and 502/503/504 (default 2). */
  getRetries?: number;
}

/** Per-call options. */
export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** The operations the app needs from a gateway. Every call rejects with `ApiError` only. */
export interface GatewayClient {
  readonly baseUrl: string;
  listProviders(opts?: CallOptions): Promise<Provider[]>;
  /** The same list as the list screen shows it: one small summary per provider (see provider-summary.ts). */
  listProviderSummaries(opts?: CallOptions): Promise<ProviderSummary[]>;
  getProvider(name: string, opts?: CallOptions): Promise<Provider>;
  /** PUT the complete body (build it with `buildUpdateBody`). */
  updateProvider(name: string, body: UpdateBody, opts?: CallOptions): Promise<Provider>;
  createProvider(body: UpdateBody & { provider: string }, opts?: CallOptions): Promise<Provider>;
  deleteProvider(name: string, opts?: CallOptions): Promise<void>;
  listKeys(name: string, opts?: CallOptions): Promise<Key[]>;
  getKey(provider: string, id: string, opts?: CallOptions): Promise<Key>;
  /** POST a new key (an empty id gets a generated one). */
  createKey(provider: string, body: Record<string, unknown>, opts?: CallOptions): Promise<Key>;
  /** PUT the complete key (build it with `buildKeyBody`). */
  updateKey(provider: string, id: string, body: Record<string, unknown>, opts?: CallOptions): Promise<Key>;
  /** DELETE; answers the deleted key (redacted). */
  deleteKey(provider: string, id: string, opts?: CallOptions): Promise<Key>;
  /** `GET /api/keys`: every key across providers (summaries), to count keys per provider. */
  listAllKeys(opts?: CallOptions): Promise<KeySummary[]>;
  authStatus(opts?: CallOptions): Promise<AuthStatus>;
  /**
   * The gateway's version: `GET /api/version`, else probes (VERSIONS.md §1).
   * Found once per client and kept (a failure is not kept); no other call
   * makes it, so a command that never asks sends no extra request.
   */
  version(opts?: CallOptions): Promise<GatewayVersion>;
  /** Release sockets (undici dispatcher). */
  close(): Promise<void>;
}

/** An in-memory GatewayClient for component tests (end-to-end tests use the real client). */
import { ApiError } from '../../src/api/api-error.js';
import type { CallOptions, GatewayClient } from '../../src/api/types.js';
import type { Provider } from '../../src/api/wire.js';
import { summarizeProvider } from '../../src/api/provider-summary.js';
import type { GatewayVersion } from '../../src/api/versions/gateway-version.js';
import type { Services } from '../../src/ui/services.js';

export interface FakeClient extends GatewayClient {
  providers: Provider[];
  /** Next listProviders/getProvider call fails with this. */
  failNext?: ApiError;
  /** Never resolve list calls (loading state). */
  hang?: boolean;
  calls: string[];
  /** What `version()` answers (default: a reported v1.5.2). */
  gatewayVersion: GatewayVersion;
}

export function fakeClient(providers: Provider[]): FakeClient {
  const c: FakeClient = {
    baseUrl: 'http://gw.test:8080',
    providers,
    calls: [],
    gatewayVersion: { line: 'v1.5', release: { major: 1, minor: 5, patch: 2 }, reported: 'v1.5.2', via: 'reported' },
    async listProviders(_o?: CallOptions) {
      c.calls.push('list');
      if (c.hang) return new Promise<Provider[]>(() => undefined);
      if (c.failNext) {
        const e = c.failNext;
        c.failNext = undefined;
        throw e;
      }
      return structuredClone(c.providers);
    },
    async listProviderSummaries(o?: CallOptions) {
      return (await c.listProviders(o)).map((p) => summarizeProvider(p));
    },
    async getProvider(name: string) {
      c.calls.push(`get ${name}`);
      if (c.failNext) {
        const e = c.failNext;
        c.failNext = undefined;
        throw e;
      }
      const p = c.providers.find((x) => x.name === name);
      if (!p) throw new ApiError('http', `404: Provider not found: ${name}`, 404);
      return structuredClone(p);
    },
    async updateProvider(name: string, body: Record<string, unknown>) {
      c.calls.push(`put ${name}`);
      const next = { ...body, name, provider_status: 'active' } as Provider;
      c.providers = c.providers.filter((x) => x.name !== name).concat(next);
      return structuredClone(next);
    },
    async createProvider() {
      throw new Error('not used');
    },
    async deleteProvider() {
      throw new Error('not used');
    },
    async listKeys() {
      return [];
    },
    async getKey() {
      throw new Error('not used');
    },
    async createKey() {
      throw new Error('not used');
    },
    async updateKey() {
      throw new Error('not used');
    },
    async deleteKey() {
      throw new Error('not used');
    },
    async listAllKeys() {
      c.calls.push('keys');
      return [];
    },
    async authStatus() {
      return { is_auth_enabled: false };
    },
    async version() {
      c.calls.push('version');
      return c.gatewayVersion;
    },
    async close() {},
  };
  return c;
}

export function fakeServices(client: GatewayClient, overrides: Partial<Services['session']['connection']> = {}): Services {
  return {
    session: {
      client,
      connection: { url: client.baseUrl, authMode: 'none', readOnly: false, gatewayKey: 'test', ...overrides },
    },
    now: () => 1_000_000,
  };
}

/** Waits until `check` passes (polling), instead of sleeping a fixed time. */
export async function waitFor(check: () => void, timeoutMs = 30_000): Promise<void> {
  const start = Date.now();
  for (;;) {
    try {
      check();
      return;
    } catch (err) {
      if (Date.now() - start > timeoutMs) throw err;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

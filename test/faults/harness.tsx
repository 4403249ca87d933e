/** Shared set-up of the fault tests: the demo gateway, the app on the real client, and a TLS endpoint. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { createClient } from '../../src/api/client.js';
import type { GatewayClient } from '../../src/api/types.js';
import type { DemoFault, DemoGateway } from '../../src/demo-gateway/index.js';
import { draftService } from '../../src/app/local-services.js';
import { openDraftStore } from '../../src/store/draft-store.js';
import { openHistoryStore } from '../../src/store/history-store.js';
import { App } from '../../src/ui/app.js';
import type { TerminalSize } from '../../src/ui/use-terminal-size.js';
import { fakeServices } from '../helpers/fake-client.js';

/** The client deadline of the hang cells: they wait it out, so it is short. */
export const TIMEOUT_MS = 1500;
/**
 * Every other cell gets a deadline no loaded machine reaches: a latency or a truncated body that took
 * longer than 1.5 s to arrive would otherwise turn into a timeout message (the test would depend on load).
 */
export const GENEROUS_TIMEOUT_MS = 60_000;

/** The client deadline for a cell: short only where the gateway never answers. */
export function timeoutFor(fault: DemoFault | undefined): number {
  return fault?.hang ? TIMEOUT_MS : GENEROUS_TIMEOUT_MS;
}

export function realClient(url: string, timeoutMs = GENEROUS_TIMEOUT_MS): GatewayClient {
  return createClient({ baseUrl: url, auth: { kind: 'none' }, timeoutMs });
}

/** Writes wait at least 30 s by default (upstream PUT re-runs model discovery); here they time out like reads. */
function writesTimeOutLikeReads(client: GatewayClient, timeoutMs: number): GatewayClient {
  return { ...client, baseUrl: client.baseUrl, updateProvider: (name, body, o) => client.updateProvider(name, body, { ...o, timeoutMs }), close: () => client.close() };
}

/**
 * The app on the real client, with the real draft store and history in a temp dir
 * (`stores`; remove `dir` afterwards); wide enough that no one-line message is cut.
 */
export function renderApp(url: string, size: TerminalSize = { columns: 320, rows: 30 }, timeoutMs = GENEROUS_TIMEOUT_MS) {
  const client = realClient(url, timeoutMs);
  const dir = mkdtempSync(join(tmpdir(), 'bt-faults-state-'));
  const drafts = openDraftStore({ dir });
  const history = openHistoryStore({ dir });
  const services = { ...fakeServices(writesTimeOutLikeReads(client, timeoutMs)), drafts: draftService(drafts), history: { append: (g: string, p: string, o: Record<string, unknown>) => history.appendHistory(g, p, o).id, remove: (g: string, p: string, id: string) => void history.removeHistory(g, p, id) } };
  const app = render(<App services={services} mono size={size} />);
  return { client, dir, drafts, history, ...app };
}

/** A fault cell: what the gateway does, and the one line the user must see (for `origin`, method and path). */
export interface FaultCase {
  name: string;
  fault: DemoFault;
  /** undefined: the action succeeds (latency). */
  message?: (origin: string, method: string, path: string) => string | RegExp;
}

/** A write cut off mid-way may have been applied: the client says so. */
const mayHaveApplied = (method: string): string => (method === 'GET' ? '' : '; the change may have been applied, reload to check');

/** Routes every Bifrost version serves: a strange answer there means the URL is not a Bifrost management API. */
const notBifrost = (origin: string, method: string, path: string, status: number, what: string): string =>
  `${origin} is not a Bifrost management API: ${method} ${path} answered ${status} ${what}; check the URL (the gateway's address, without /api)`;

const REASON: Record<number, string> = {
  400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable',
};

export const FAULTS: FaultCase[] = [
  { name: 'latency 300 ms', fault: { latencyMs: 300 } },
  ...[400, 403, 404, 409, 500, 502, 503].map((status): FaultCase => ({
    name: `status ${status}`,
    fault: { status, message: `injected failure ${status}` },
    // The provider list is on every version: a 404 there is not Bifrost (one provider's 404 is "not configured").
    message: (origin, method, path) => status === 404 && method === 'GET' && path === '/api/providers'
      ? notBifrost(origin, method, path, 404, '(injected failure 404)')
      : `${status} ${REASON[status]}: injected failure ${status}`,
  })),
  {
    name: 'status 401',
    fault: { status: 401, message: 'Unauthorized' },
    message: () => '401 Unauthorized: the gateway needs a management API key (--api-key or a profile)',
  },
  {
    name: 'non-JSON 200 body',
    fault: { status: 200, rawBody: '<html><body>captive portal</body></html>' },
    message: (origin, method, path) =>
      method === 'GET'
        ? notBifrost(origin, method, path, 200, 'with an HTML page')
        : `${method} ${path} succeeded (200) but the reply was not understood: body is not JSON; reload to see the saved state`,
  },
  {
    name: 'HTML 502 from a proxy',
    fault: { status: 502, rawBody: '<html><body>nginx: upstream timed out</body></html>\n<hr>' },
    message: () => '502 Bad Gateway: <html><body>nginx: upstream timed out</body></html>',
  },
  {
    name: 'truncated body',
    fault: { truncate: true },
    message: (origin, method, path) => `connection to ${origin} failed during ${method} ${path}: UND_ERR_SOCKET: other side closed${mayHaveApplied(method)}`,
  },
  {
    name: 'connection reset',
    fault: { reset: true },
    message: (origin, method, path) => `connection to ${origin} failed during ${method} ${path}: ECONNRESET: read ECONNRESET${mayHaveApplied(method)}`,
  },
  {
    name: 'hang past the timeout',
    fault: { hang: true },
    message: (_o, method, path) => `${method} ${path} timed out after ${TIMEOUT_MS / 1000} s`,
  },
];

/** An HTTPS endpoint with a fresh self-signed certificate (an unknown CA to the client). */
export async function startTlsServer(): Promise<{ url: string; close: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'bt-faults-tls-'));
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
    { stdio: 'ignore' },
  );
  const server: Server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"providers":[],"total":0}\n');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.close();
      rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
    },
  };
}

export const TLS_MESSAGE = (origin: string): RegExp =>
  new RegExp(`TLS error talking to ${origin.replace(/[.]/g, '\\.')}: (DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN) \\([^)]*\\); trust the gateway's CA with a CA file, or use insecure mode as a last resort`);

/** Every literal secret the gateway stores for its providers (what must never reach a frame). */
export function seededSecrets(gw: DemoGateway, names: readonly string[]): string[] {
  const out = new Set<string>();
  const add = (v: unknown): void => {
    if (typeof v === 'string' && v.length >= 8) out.add(v);
  };
  for (const name of names) {
    const p = gw.storedProvider(name) as Record<string, any> | undefined;
    if (!p) continue;
    add(p.proxy_config?.password?.value);
    for (const k of p.keys ?? []) add(k?.value?.value);
    const pem: unknown = p.network_config?.ca_cert_pem;
    // A PEM can only leak line by line on a terminal; any body line is proof.
    if (typeof pem === 'string') for (const line of pem.split('\n')) if (/^[A-Za-z0-9+/=]{40,}$/.test(line)) out.add(line);
    for (const [h, v] of Object.entries(p.network_config?.extra_headers ?? {})) if (/auth|token|key|secret|cookie/i.test(h)) add(v);
  }
  return [...out];
}

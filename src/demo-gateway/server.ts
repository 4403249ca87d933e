/** The demo gateway's HTTP server: recording, faults, socket tracking, close. */
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Provider } from '../api/wire.js';
import { AuthGate } from './auth.js';
import type { DemoRequest, RouteContext } from './context.js';
import { FaultRegistry } from './faults.js';
import { clone, type JsonObject } from './json.js';
import { presentProvider } from './present.js';
import { errorReply, type Reply } from './reply.js';
import { decode, route, type RouterDeps } from './router.js';
import { benchProviders, defaultSeed } from './seed.js';
import { ProviderStore, type StoredProvider } from './store.js';
import type { DemoFault, DemoGateway, DemoGatewayOptions, RecordedRequest } from './types.js';
import { DEMO_PROFILES, NEWEST_DEMO_VERSION } from './versions.js';
import { seedForVersion } from './seed-versions.js';
import { SetupLock } from './setup-lock.js';

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(text: string): { json: unknown; jsonOk: boolean } {
  try {
    return { json: JSON.parse(text) as unknown, jsonOk: true };
  } catch {
    return { json: undefined, jsonOk: false };
  }
}

function write(res: ServerResponse, reply: Reply, truncate = false): void {
  const body = Buffer.from(reply.body, 'utf8');
  res.writeHead(reply.status, { 'content-type': reply.contentType, 'content-length': body.length, ...reply.headers });
  if (!truncate) {
    res.end(body);
    return;
  }
  // Promise the whole body, send half, then drop the connection.
  res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
}

function faultReply(fault: DemoFault): Reply | undefined {
  if (fault.rawBody !== undefined) {
    return { status: fault.status ?? 502, contentType: 'text/html; charset=utf-8', body: fault.rawBody };
  }
  if (fault.status !== undefined) return errorReply(fault.status, fault.message ?? STATUS_CODES[fault.status] ?? 'Error');
  return undefined;
}

/** Starts the demo gateway on loopback (port 0 picks a free port). */
export async function startDemoGateway(opts: DemoGatewayOptions = {}): Promise<DemoGateway> {
  const profile = DEMO_PROFILES[opts.version ?? NEWEST_DEMO_VERSION];
  if (!profile) throw new Error(`demo gateway: no such version ${String(opts.version)} (1.4, 1.5, 1.6 or 2.2)`);
  if ((opts.authBypassed || opts.setupToken !== undefined) && !profile.gates) {
    throw new Error(`demo gateway: the admin-session gates and the setup lock are v2.2's, not ${profile.version}'s`);
  }
  const seed: Provider[] = [...(opts.seed ?? defaultSeed()), ...benchProviders(opts.extraProviders ?? 0)];
  const store = new ProviderStore(seedForVersion(profile, seed as JsonObject[]) as Provider[]);
  const requests: RecordedRequest[] = [];
  const faults = new FaultRegistry();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  const sleep = (ms: number): Promise<void> =>
    ms <= 0 ? Promise.resolve() : new Promise((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });
  const ctx: RouteContext = { store, profile, authBypassed: opts.authBypassed === true, saveDelayMs: opts.saveDelayMs ?? 0, sleep };
  const deps: RouterDeps = {
    ctx,
    auth: new AuthGate(opts.auth ?? { kind: 'none' }),
    faults,
    reportedVersion: opts.reportedVersion === undefined ? profile.reported : opts.reportedVersion,
    ...(profile.setupLock ? { setupLock: new SetupLock(opts.setupToken) } : {}),
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBody(req);
    const url = req.url ?? '/';
    const { json, jsonOk } = parseJson(body);
    const [path = '/', query = ''] = url.split('?', 2);
    const recorded: RecordedRequest = { method: req.method ?? 'GET', url, headers: { ...req.headers }, body, ...(jsonOk ? { json } : {}), at: performance.now() };
    const written = req.method !== 'GET' ? /^\/api\/providers\/([^/]+)$/.exec(path) : null;
    const writtenName = written ? decode(written[1]!) : undefined;
    const before = writtenName === undefined ? undefined : store.get(writtenName);
    if (before) recorded.previous = presentProvider(profile, clone(before) as JsonObject);
    requests.push(recorded);
    const demoReq: DemoRequest = {
      method: (req.method ?? 'GET').toUpperCase(), path, query: new URLSearchParams(query), headers: req.headers, body, json, jsonOk,
    };
    const fault = path.startsWith('/__demo/') ? undefined : faults.take(demoReq.method, path);
    if (fault?.latencyMs) await sleep(fault.latencyMs);
    if (closed) return;
    if (fault?.reset) {
      const sock = req.socket;
      if (typeof sock.resetAndDestroy === 'function') sock.resetAndDestroy();
      else sock.destroy();
      return;
    }
    if (fault?.hang) return; // the socket stays open until close() destroys it
    const reply = (fault && faultReply(fault)) ?? (await route(demoReq, deps));
    if (closed || res.destroyed) return;
    write(res, reply, fault?.truncate === true);
    if (!fault?.truncate) recorded.status = reply.status;
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent && !res.destroyed) write(res, errorReply(500, `demo gateway: ${String(err)}`));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}`,
    version: profile.version,
    port,
    requests,
    addFault: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    mutateProvider(name, change) {
      const stored = store.get(name);
      if (!stored) throw new Error(`demo gateway: no stored provider ${name}`);
      change(stored as Provider);
    },
    storedProvider: (name) => clone(store.get(name) as StoredProvider | undefined) as Provider | undefined,
    async close() {
      if (closed) return;
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      const done = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await done;
    },
  };
}

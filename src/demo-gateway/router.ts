/**
 * Routing. Faults are applied by the server before this runs; auth applies to
 * `/api/*` routes except the public session routes.
 *
 * Test-only control routes (not upstream, never behind auth or faults):
 *   GET    /__demo/faults   list active faults
 *   POST   /__demo/faults   add one fault; body is a DemoFault JSON, e.g.
 *                           {"path":"/api/providers","status":503,"message":"down","times":1}
 *   DELETE /__demo/faults   remove all faults
 *   PUT    /__demo/providers/{name}/status
 *                           sets the read-only `status`/`description` the gateway reports (as a
 *                           failed model listing would), e.g. {"status":"list_models_failed","description":"..."};
 *                           tests seed hostile gateway text through it
 */
import { AuthGate, unauthorizedReply } from './auth.js';
import type { DemoRequest, RouteContext } from './context.js';
import { FaultRegistry, parseFault } from './faults.js';
import { createKey, deleteKey, getKey, listAllKeys, listKeys, refreshKey, refreshProvider, updateKey } from './key-routes.js';
import { addProvider, deleteProvider, getProvider, listProviders, updateProvider } from './provider-routes.js';
import { dashboardReply, errorReply, jsonReply, methodNotAllowedReply, type Reply } from './reply.js';
import type { SetupLock } from './setup-lock.js';

type Handler = () => Reply | Promise<Reply>;
type Methods = Partial<Record<string, Handler>>;

export interface RouterDeps {
  ctx: RouteContext;
  auth: AuthGate;
  faults: FaultRegistry;
  /** The v2.2.6 setup-token lock, when played. */
  setupLock?: SetupLock;
  /** What `/api/version` answers; null: no such route (the dashboard answers). */
  reportedVersion: string | null;
}

function pick(req: DemoRequest, methods: Methods): Handler {
  return methods[req.method] ?? (() => methodNotAllowedReply());
}

/** Decodes one path segment; undefined when it is not valid percent-encoding. */
export function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function apiRoute(req: DemoRequest, { ctx, auth }: RouterDeps): Handler | undefined {
  const parts = req.path.split('/').slice(1); // ['api', ...]
  if (parts[0] !== 'api') return undefined;
  const [, first, raw, sub, rawId, last, ...rest] = parts;
  if (first === 'session' && raw === 'logout' && parts.length === 3) return pick(req, { POST: () => auth.logout(req) });
  if (first === 'keys' && parts.length === 2) return pick(req, { GET: () => listAllKeys(ctx) });
  if (first !== 'providers' || rest.length > 0) return undefined;
  if (raw === undefined || (raw === '' && parts.length === 3)) {
    return pick(req, { GET: () => listProviders(ctx), POST: () => addProvider(ctx, req) });
  }
  const name = decode(raw);
  if (name === undefined || name === '') return () => errorReply(400, `Invalid provider: invalid provider name "${raw}"`);
  if (sub === undefined) {
    return pick(req, {
      GET: () => getProvider(ctx, name),
      PUT: () => updateProvider(ctx, name, req),
      DELETE: () => deleteProvider(ctx, name),
    });
  }
  const { keyRoutes, refreshRoutes } = ctx.profile;
  if (sub === 'refresh-models' && rawId === undefined && refreshRoutes) return pick(req, { POST: () => refreshProvider(ctx, name) });
  if (sub !== 'keys' || !keyRoutes) return undefined;
  if (rawId === undefined) return pick(req, { GET: () => listKeys(ctx, name), POST: () => createKey(ctx, name, req) });
  const id = decode(rawId) ?? rawId;
  if (last === 'refresh-models' && refreshRoutes) return pick(req, { POST: () => refreshKey(ctx, name, id) });
  if (last !== undefined) return undefined;
  return pick(req, {
    GET: () => getKey(ctx, name, id),
    PUT: () => updateKey(ctx, name, id, req),
    DELETE: () => deleteKey(ctx, name, id),
  });
}

const STATUS_ROUTE = /^\/__demo\/providers\/([^/]+)\/status$/;

/** Sets what the gateway reports about a provider's last model listing. */
function setStatus(req: DemoRequest, ctx: RouteContext, raw: string): Reply {
  const name = decode(raw);
  const stored = name === undefined ? undefined : ctx.store.get(name);
  if (!stored) return errorReply(404, `Provider not found: ${name ?? raw}`);
  const body = req.jsonOk ? (req.json as Record<string, unknown>) : undefined;
  if (!body || typeof body !== 'object') return errorReply(400, 'body must be a JSON object');
  for (const f of ['status', 'description'] as const) {
    if (body[f] === undefined) continue;
    if (typeof body[f] !== 'string') return errorReply(400, `${f} must be a string`);
    stored[f] = body[f];
  }
  return jsonReply(200, { ok: true });
}

function demoRoute(req: DemoRequest, { faults, ctx }: RouterDeps): Handler | undefined {
  const status = STATUS_ROUTE.exec(req.path);
  if (status) return pick(req, { PUT: () => setStatus(req, ctx, status[1]!) });
  if (req.path !== '/__demo/faults') return undefined;
  return pick(req, {
    GET: () => jsonReply(200, { faults: faults.list() }),
    POST: () => {
      const fault = req.jsonOk ? parseFault(req.json) : 'body must be JSON';
      if (typeof fault === 'string') return errorReply(400, fault);
      faults.add(fault);
      return jsonReply(200, { ok: true, faults: faults.list() });
    },
    DELETE: () => {
      faults.clear();
      return jsonReply(200, { ok: true, faults: [] });
    },
  });
}

/**
 * Answers one request. Public: `/health`, the session routes, and `/api/version`
 * from v1.5. A path no route serves is the dashboard's: every GET answers its
 * HTML with 200 (no auth: the dashboard is public), any other method 405
 * (VERSIONS.md §8, §9), so a client must never take a 200 for data.
 */
export async function route(req: DemoRequest, deps: RouterDeps): Promise<Reply> {
  const { ctx, auth, setupLock } = deps;
  if (req.path === '/health') return pick(req, { GET: () => jsonReply(200, { status: 'ok' }) })();
  if (req.path === '/api/session/is-auth-enabled') return pick(req, { GET: () => auth.status(req, setupLock?.status()) })();
  if (req.path === '/api/session/login') return pick(req, { POST: () => auth.login(req) })();
  const demo = demoRoute(req, deps);
  if (demo) return demo();
  if (req.path === '/api/version' && deps.reportedVersion !== null) {
    if (ctx.profile.versionNeedsAuth && !auth.allows(req)) return unauthorizedReply();
    const text = deps.reportedVersion;
    return pick(req, { GET: () => jsonReply(200, text) })();
  }
  const api = apiRoute(req, deps);
  if (!api) return req.method === 'GET' ? dashboardReply() : methodNotAllowedReply();
  if (!auth.allows(req)) return unauthorizedReply();
  const locked = setupLock?.refuses(req, auth.enabled);
  if (locked) return locked;
  return api();
}

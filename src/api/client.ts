/**
 * The management-API client over undici (CONTRACT.md §1-§4).
 *
 * Every call has a deadline and an AbortSignal, GETs are retried a bounded
 * number of times, writes never are, and every failure is an `ApiError` whose
 * one-line message is scrubbed of the configured credentials.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Dispatcher } from './undici-core.js';
import type { ZodMiniType } from 'zod/mini';
import type { $ZodError } from 'zod/v4/core';
import { ApiError } from './api-error.js';
import { JsonTooDeep, keepProtoMembers } from './json-limits.js';
import { DEFAULT_MAX_RESPONSE_BYTES, readBodyCapped, ResponseTooLarge } from './read-body.js';
import { providerNameProblem } from './provider-name.js';
import { providerSummaryStream, summarizeProviderList, type ProviderSummary } from './provider-summary.js';
import { JsonStreamSyntaxError, type JsonStreamReader } from './json-stream.js';
import { readAllKeys } from './all-keys.js';
import { fail, ReplyShapeError } from './reply-shape.js';
import { createDispatcher } from './dispatcher.js';
import { abortedError, badResponseError, notBifrostError, timeoutError, transportError, type RequestContext } from './transport-errors.js';
import { errorReply, IS_AUTH_STATUS, IS_KEY, IS_KEY_LIST, IS_PROVIDER, IS_PROVIDER_LIST, jsonOf, type RouteExpectation } from './bifrost-routes.js';
import type { Auth, CallOptions, ClientOptions, GatewayClient } from './types.js';
import type { Key, Provider, UpdateBody } from './wire.js';
import { detectVersion, type VersionProbes } from './versions/detect.js';
import type { GatewayVersion } from './versions/gateway-version.js';

type Wire = typeof import('./wire.js');
let wire: Promise<Wire> | undefined;
/**
 * zod and the wire schemas, loaded by the first call that parses with them. The list screen's reads
 * (provider summaries, key counts) do not, so start-up does not evaluate them.
 */
const schemas = (): Promise<Wire> => (wire ??= import('./wire.js'));

/** A reply to a `stream` call larger than this is read as it arrives; a smaller one whole, as any other. */
const STREAM_FROM_CHARS = 64 * 1024;

const DEFAULT_READ_TIMEOUT_MS = 10_000;
/** Upstream PUT/POST re-run model discovery for up to 15 s (CONTRACT.md §4.3). */
const MIN_WRITE_TIMEOUT_MS = 30_000;
const DEFAULT_GET_RETRIES = 2;
const MAX_TIMER_MS = 2 ** 31 - 1;
const RETRY_BASE_MS = 200;
const RETRY_MAX_MS = 2_000;
const RETRY_STATUSES = new Set([502, 503, 504]);
/** Transport failures worth another GET: the gateway restarting or a dropped keep-alive socket. */
const RETRY_KINDS = new Set(['refused', 'network']);

type Method = 'GET' | 'PUT' | 'POST' | 'DELETE';

/** One call; `route`/`identify` say what a Bifrost gateway answers there (bifrost-routes.ts). */
interface Call<T> extends RouteExpectation {
  method: Method;
  path: string;
  body?: unknown;
  /** Schema of a 2xx body (picked from the wire schemas); omitted when the body is ignored. */
  schema?: (w: Wire) => ZodMiniType<T>;
  /** Instead of a schema: reads the parsed body, throwing ReplyShapeError when its shape is wrong. */
  read?: (json: unknown) => T;
  /**
   * With `read`: a reader of the same body as text, for a large 2xx reply (a list is then never held
   * whole). It throws JsonStreamSyntaxError or ReplyShapeError; `identified` says whether the body was
   * this route's object at all (see `identify`).
   */
  stream?: () => { reader: JsonStreamReader; result(): T; identified(): boolean };
  opts?: CallOptions;
}

/**
 * Collects a 2xx body's text while it is small; past STREAM_FROM_CHARS it hands what it has and the rest
 * to the call's stream reader. `head` keeps the first text for messages about a body that is not what
 * the route answers.
 */
function largeBodyReader<T>(stream: NonNullable<Call<T>['stream']>) {
  let pieces: string[] | undefined = [];
  let size = 0;
  let head = '';
  let streamed: ReturnType<typeof stream> | undefined;
  return {
    push(text: string): void {
      if (pieces) {
        pieces.push(text);
        size += text.length;
        if (size <= STREAM_FROM_CHARS) return;
        head = pieces.join('').slice(0, STREAM_FROM_CHARS);
        streamed = stream();
        for (const p of pieces) streamed.reader.push(p);
        pieces = undefined;
        return;
      }
      streamed!.reader.push(text);
    },
    /** The whole text of a small body; undefined when it was streamed (then `streamed` holds the reader). */
    text: (): string | undefined => pieces?.join(''),
    streamed: () => streamed,
    head: () => head,
  };
}

function contentTypeOf(res: Dispatcher.ResponseData): string {
  const v = res.headers['content-type'];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

function authHeader(auth: Auth): string | undefined {
  if (auth.kind === 'bearer') return `Bearer ${auth.token}`;
  if (auth.kind === 'basic') return `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
  return undefined;
}

function secretsOf(auth: Auth, setupToken: string | undefined): string[] {
  const token = setupToken ? [setupToken] : [];
  if (auth.kind === 'bearer') return [auth.token, ...token];
  if (auth.kind === 'basic') {
    return [auth.password, Buffer.from(`${auth.username}:${auth.password}`).toString('base64'), ...token];
  }
  return token;
}

function providerPath(name: string, suffix = ''): string {
  const problem = providerNameProblem(name);
  if (problem) throw new ApiError('invalid', problem);
  return `/api/providers/${encodeURIComponent(name)}${suffix}`;
}

/**
 * A v1.4 gateway lists each provider's keys inside it and takes `keys` in a
 * provider PUT as the complete list: a body without them deletes every key
 * (VERSIONS.md §3.1, §6). The writers send them back whole (the v1.4 write
 * dialect); this is the last guard, should a body ever lack them.
 */
const KEYLESS_PUT =
  'this gateway keeps keys inside its providers (Bifrost v1.4): a provider PUT without its keys would delete them all; nothing was sent';

/** Whether a provider object as a gateway sent it carries its keys (v1.4). */
function carriesKeys(provider: unknown): boolean {
  return typeof provider === 'object' && provider !== null && Array.isArray((provider as { keys?: unknown }).keys);
}

/** First zod issue as `path: message`, for a one-line bad-response error. */
function firstIssue(error: $ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'does not match the expected shape';
  const where = issue.path.length ? issue.path.join('.') : '(root)';
  return `${where}: ${issue.message}`;
}

/** Creates a client for one gateway. Never throws: a bad URL or CA file makes every call reject with `ApiError`. */
export function createClient(opts: ClientOptions): GatewayClient {
  const baseUrl = opts.baseUrl.replace(/\/+$/, '');
  const auth = authHeader(opts.auth);
  const setupToken = opts.setupToken || undefined;
  const secrets = secretsOf(opts.auth, setupToken);
  // Node's timers fire at once past 2^31-1 ms (about 24.8 days): a hand-edited timeout is held below that.
  const readTimeout = Math.min(opts.timeoutMs ?? DEFAULT_READ_TIMEOUT_MS, MAX_TIMER_MS);
  const writeTimeout = Math.max(readTimeout, MIN_WRITE_TIMEOUT_MS);
  const getRetries = Math.max(0, opts.getRetries ?? DEFAULT_GET_RETRIES);
  const maxResponseBytes = opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;

  /** Set once any provider this gateway sent carried `keys` (v1.4): keys are read from their provider, and a provider PUT must carry them. */
  let keysInsideProviders = false;
  const notice = <P>(provider: P): P => {
    if (carriesKeys(provider)) keysInsideProviders = true;
    return provider;
  };

  let origin = baseUrl;
  let prefix = '';
  let dispatcher: Dispatcher | undefined;
  let setupError: ApiError | undefined;
  try {
    const url = new URL(baseUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError('not http(s)');
    origin = url.origin;
    prefix = url.pathname.replace(/\/+$/, '');
    dispatcher = createDispatcher({ baseUrl, caFile: opts.caFile, insecure: opts.insecure });
  } catch (err) {
    setupError =
      err instanceof ApiError
        ? err
        : new ApiError('network', `invalid gateway URL ${JSON.stringify(baseUrl)}: expected http(s)://host:port`);
  }

  /** One HTTP exchange; throws ApiError (without deadline/abort mapping, done by the caller). */
  async function once<T>(call: Call<T>, ctx: RequestContext, signal: AbortSignal): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'bifrost-tui' };
    if (auth) headers.authorization = auth;
    if (setupToken) headers['x-bifrost-setup-token'] = setupToken;
    let body: string | undefined;
    if (call.body !== undefined) {
      body = JSON.stringify(call.body);
      headers['content-type'] = 'application/json';
    }
    let res: Dispatcher.ResponseData;
    let text: string;
    let large: ReturnType<typeof largeBodyReader<T>> | undefined;
    try {
      if (!dispatcher) throw setupError ?? new ApiError('network', 'no connection to the gateway was set up');
      res = await dispatcher.request({ origin, path: `${prefix}${call.path}`, method: call.method, headers, body, signal });
      large = call.stream && res.statusCode >= 200 && res.statusCode < 300 ? largeBodyReader(call.stream) : undefined;
      text = await readBodyCapped(res.body, maxResponseBytes, res.headers['content-length'], large?.push);
      if (large) {
        text = large.text() ?? '';
        const streamed = large.streamed();
        if (streamed) {
          streamed.reader.end();
          if (!streamed.identified()) throw notBifrostError(res.statusCode, '{}', 'application/json', ctx);
          return streamed.result();
        }
      }
    } catch (err) {
      if (err instanceof ResponseTooLarge) {
        throw badResponseError(res!.statusCode, `${err.message}, stopped reading (raise the cap with BIFROST_TUI_MAX_RESPONSE_BYTES)`, ctx);
      }
      if (err instanceof ApiError) throw err;
      if (err instanceof JsonTooDeep) throw badResponseError(res!.statusCode, `JSON ${err.message}`, ctx);
      // A large body read as it arrived that is not JSON: judged by its first text, as a whole body would be.
      if (err instanceof JsonStreamSyntaxError) jsonOf(res!.statusCode, large!.head(), contentTypeOf(res!), call, ctx);
      if (err instanceof JsonStreamSyntaxError || err instanceof ReplyShapeError) throw badResponseError(res!.statusCode, err.message, ctx);
      throw transportError(err, ctx);
    }
    const contentType = contentTypeOf(res);
    if (res.statusCode < 200 || res.statusCode >= 300) throw errorReply(res.statusCode, text, contentType, call, ctx);
    if (!call.schema && !call.read) return undefined as T;
    const json = jsonOf(res.statusCode, text, contentType, call, ctx);
    if (call.read) {
      try {
        return call.read(json);
      } catch (err) {
        if (err instanceof ReplyShapeError) throw badResponseError(res.statusCode, err.message, ctx);
        throw err;
      }
    }
    const parsed = call.schema!(await schemas()).safeParse(json);
    if (!parsed.success) throw badResponseError(res.statusCode, firstIssue(parsed.error), ctx);
    // The schema's copy drops `__proto__` members (it assigns them); unknown fields must survive.
    return keepProtoMembers(json, parsed.data);
  }

  async function send<T>(call: Call<T>): Promise<T> {
    const ctx: RequestContext = {
      method: call.method,
      path: call.path,
      origin,
      secrets,
      hasAuth: auth !== undefined,
      hasSetupToken: setupToken !== undefined,
    };
    if (setupError) throw setupError;
    if (call.method === 'PUT' && keysInsideProviders && /^\/api\/providers\/[^/]+$/.test(call.path) && !carriesKeys(call.body)) {
      throw new ApiError('unsupported', KEYLESS_PUT, undefined, call.method, call.path);
    }
    const callerSignal = call.opts?.signal;
    if (callerSignal?.aborted) throw abortedError(ctx);

    const isRead = call.method === 'GET';
    const timeoutMs = Math.min(call.opts?.timeoutMs ?? (isRead ? readTimeout : writeTimeout), MAX_TIMER_MS);
    // One deadline for the whole call, retries included: the user waits at most timeoutMs.
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onCallerAbort = (): void => controller.abort();
    callerSignal?.addEventListener('abort', onCallerAbort, { once: true });

    const retries = isRead ? getRetries : 0;
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          return await once(call, ctx, controller.signal);
        } catch (err) {
          if (controller.signal.aborted) throw err; // mapped below
          const apiErr = err instanceof ApiError ? err : transportError(err, ctx);
          const retryable = RETRY_KINDS.has(apiErr.kind) || (apiErr.status !== undefined && RETRY_STATUSES.has(apiErr.status));
          if (attempt >= retries || !retryable) throw apiErr;
          const backoff = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** attempt) * (0.75 + Math.random() * 0.5);
          await sleep(backoff, undefined, { signal: controller.signal });
        }
      }
    } catch (err) {
      if (timedOut) throw timeoutError(timeoutMs, ctx);
      if (callerSignal?.aborted) throw abortedError(ctx);
      throw err instanceof ApiError ? err : transportError(err, ctx);
    } finally {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
    }
  }

  /** The last provider list read, so detection's probes need not read it again. */
  let lastList: Provider[] | undefined;
  const listProviders = async (o?: CallOptions): Promise<Provider[]> => {
    const list = await send({ method: 'GET', path: '/api/providers', schema: (w) => w.ProviderListSchema, route: 'collection', identify: IS_PROVIDER_LIST, opts: o });
    list.providers.forEach(notice);
    lastList = list.providers;
    return list.providers;
  };

  /**
   * A read whose route this gateway lacks: a Bifrost of an older line, or a web site that is not
   * Bifrost at all. Only then, the provider list (which every version serves) tells which.
   */
  const orNotBifrost = async <T>(read: Promise<T>, o?: CallOptions): Promise<T> => {
    try {
      return await read;
    } catch (err) {
      if (!(err instanceof ApiError) || err.kind !== 'absent') throw err;
      await listProviders(o);
      throw err;
    }
  };

  /** A provider's keys as it lists them inside itself (v1.4, where there are no key routes); `undefined` when it does not. */
  const keysInside = async (provider: Provider): Promise<Key[] | undefined> => {
    const keys = (provider as { keys?: unknown }).keys;
    if (!Array.isArray(keys)) return undefined;
    const { KeySchema } = await schemas();
    return keys.map((k) => KeySchema.parse(k));
  };
  const readProvider = async (name: string, o?: CallOptions): Promise<Provider> =>
    notice(await send({ method: 'GET', path: providerPath(name), schema: (w) => w.ProviderSchema, route: 'item', identify: IS_PROVIDER, opts: o }));

  /**
   * A provider's keys from the provider itself (v1.4). `absent`: the key route that answered the
   * dashboard's HTML instead; when the provider does not carry its keys either, that route is simply
   * not there (an older line, or not Bifrost at all: `orNotBifrost` tells which).
   */
  const keysViaProvider = async (name: string, absent: unknown, o?: CallOptions): Promise<Key[]> => {
    if (absent !== undefined && (!(absent instanceof ApiError) || absent.kind !== 'absent')) throw absent;
    const keys = await keysInside(await readProvider(name, o));
    if (keys) return keys;
    return orNotBifrost(Promise.reject(absent ?? new ApiError('absent', `this gateway lists no keys inside ${name}`)), o);
  };

  /** Detection runs once per client; a failed one is forgotten, so the next call tries again. */
  let detected: Promise<GatewayVersion> | undefined;
  const probes = (o?: CallOptions): VersionProbes => ({
    async reported() {
      try {
        // A bare JSON string (VersionTextSchema), checked in place: the header asks at every start, and the
        // list screen needs no schema library otherwise.
        return await send({ method: 'GET', path: '/api/version', read: (json) => (typeof json === 'string' ? json : fail('(root)', 'string', json)), opts: o });
      } catch (err) {
        // The route is behind auth on v1.4 and missing or odd elsewhere: the probes decide then.
        if (err instanceof ApiError && ['http', 'absent', 'bad-response', 'not-bifrost'].includes(err.kind)) return undefined;
        throw err;
      }
    },
    // A list too deep or too large to read is no evidence (the key route still tells v1.4 apart): never a reason to refuse a write.
    providers: async () => lastList ?? listProviders(o).catch((err: unknown) => {
      if (err instanceof ApiError && err.kind === 'bad-response') return [];
      throw err;
    }),
    async keysOf(name) {
      try {
        return (await send({ method: 'GET', path: providerPath(name, '/keys'), schema: (w) => w.KeyListSchema, identify: IS_KEY_LIST, opts: o })).keys;
      } catch (err) {
        if (err instanceof ApiError && err.kind === 'absent') return 'absent';
        if (err instanceof ApiError && err.isNotFound) return [];
        throw err;
      }
    },
    async authStatus() {
      try {
        return await send({ method: 'GET', path: '/api/session/is-auth-enabled', schema: (w) => w.AuthStatusSchema, opts: o });
      } catch {
        return undefined;
      }
    },
  });

  return {
    baseUrl,
    listProviders,
    listProviderSummaries(o) {
      return send<ProviderSummary[]>({
        method: 'GET',
        path: '/api/providers',
        read: (json) => summarizeProviderList(json, notice),
        stream: () => providerSummaryStream(notice),
        route: 'collection',
        identify: IS_PROVIDER_LIST,
        opts: o,
      });
    },
    getProvider: readProvider,
    version(o) {
      detected ??= detectVersion(probes(o)).then(
        (v) => {
          // Keys are read from their provider (and the keyless-PUT guard is on) once the line is known, before any provider was read.
          if (v.line === 'v1.4') keysInsideProviders = true;
          return v;
        },
        (err: unknown) => {
          detected = undefined;
          throw err;
        },
      );
      return detected;
    },
    async updateProvider(name, body: UpdateBody, o) {
      return send({ method: 'PUT', path: providerPath(name), body, schema: (w) => w.ProviderSchema, opts: o });
    },
    createProvider(body, o) {
      return send({ method: 'POST', path: '/api/providers', body, schema: (w) => w.ProviderSchema, opts: o });
    },
    async deleteProvider(name, o) {
      // The reply is a zero-valued provider (CONTRACT.md §4.5): nothing to parse.
      await send({ method: 'DELETE', path: providerPath(name), opts: o });
    },
    async listKeys(name, o) {
      if (keysInsideProviders) return keysViaProvider(name, undefined, o);
      try {
        return (await send({ method: 'GET', path: providerPath(name, '/keys'), schema: (w) => w.KeyListSchema, identify: IS_KEY_LIST, opts: o })).keys;
      } catch (err) {
        return keysViaProvider(name, err, o);
      }
    },
    async getKey(name, id, o) {
      const path = providerPath(name, `/keys/${encodeURIComponent(id)}`);
      const one = (keys: Key[]): Key => {
        const key = keys.find((k) => k.id === id);
        if (!key) throw new ApiError('http', '404 Not Found: Provider key not found: not found', 404, 'GET', path);
        return key;
      };
      if (keysInsideProviders) return one(await keysViaProvider(name, undefined, o));
      try {
        return await send({ method: 'GET', path, schema: (w) => w.KeySchema, identify: IS_KEY, opts: o });
      } catch (err) {
        return one(await keysViaProvider(name, err, o));
      }
    },
    createKey(name, body, o) {
      return send({ method: 'POST', path: providerPath(name, '/keys'), body, schema: (w) => w.KeySchema, opts: o });
    },
    updateKey(name, id, body, o) {
      return send({ method: 'PUT', path: providerPath(name, `/keys/${encodeURIComponent(id)}`), body, schema: (w) => w.KeySchema, opts: o });
    },
    deleteKey(name, id, o) {
      return send({ method: 'DELETE', path: providerPath(name, `/keys/${encodeURIComponent(id)}`), schema: (w) => w.KeySchema, opts: o });
    },
    listAllKeys(o) {
      return orNotBifrost(send({ method: 'GET', path: '/api/keys', read: readAllKeys, opts: o }), o);
    },
    authStatus(o) {
      return send({ method: 'GET', path: '/api/session/is-auth-enabled', schema: (w) => w.AuthStatusSchema, route: 'item', identify: IS_AUTH_STATUS, opts: o });
    },
    async close() {
      await dispatcher?.close().catch(() => undefined);
    },
  };
}

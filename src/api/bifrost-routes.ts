/**
 * Telling a Bifrost management API from anything else by how it answers
 * (VERSIONS.md §1, §9): every version registers the dashboard as the answer
 * to any GET no route serves (200, HTML), and every handler sends errors in
 * one JSON envelope. So a read that gets a page, a 404 without the envelope,
 * or JSON of another shape where every version has a route, is not Bifrost;
 * a page on a route some versions lack is "route not present". Never data.
 */
import { JsonTooDeep, parseJsonBounded } from './json-limits.js';
import { ApiError } from './api-error.js';
import { absentRouteError, badResponseError, httpError, isErrorEnvelope, notBifrostError, type RequestContext } from './transport-errors.js';

/**
 * A route every Bifrost version serves: `collection` (the provider list, where
 * any 404 means not Bifrost) or `item` (one provider, the auth status).
 */
export type RouteKind = 'collection' | 'item';

/** What the client knows about the route it called. */
export interface RouteExpectation {
  route?: RouteKind;
  /** Whether a parsed 2xx body is this route's object at all (else: not Bifrost). */
  identify?: (json: unknown) => boolean;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const IS_PROVIDER_LIST = (json: unknown): boolean => isRecord(json) && 'providers' in json;
export const IS_PROVIDER = (json: unknown): boolean => isRecord(json) && typeof json.name === 'string';
export const IS_AUTH_STATUS = (json: unknown): boolean => isRecord(json) && 'is_auth_enabled' in json;
export const IS_KEY_LIST = (json: unknown): boolean => isRecord(json) && 'keys' in json;
export const IS_KEY = (json: unknown): boolean => isRecord(json) && typeof json.id === 'string';

/** The error for a non-2xx reply: not Bifrost (a read's 404/405 without the envelope, or any 404 of the list), else the HTTP error. */
export function errorReply(status: number, text: string, contentType: string, expect: RouteExpectation, ctx: RequestContext): ApiError {
  const missing = status === 404 || status === 405;
  if (ctx.method === 'GET' && missing && (expect.route === 'collection' || !isErrorEnvelope(text))) {
    return notBifrostError(status, text, contentType, ctx);
  }
  return httpError(status, text, ctx);
}

/**
 * The JSON of a 2xx reply, or the error it is: a read's page is not Bifrost on
 * a route every version has and "route not present" elsewhere; a write's is a
 * reply not understood (it may have been applied).
 */
export function jsonOf(status: number, text: string, contentType: string, expect: RouteExpectation, ctx: RequestContext): unknown {
  const read = ctx.method === 'GET';
  let json: unknown;
  try {
    json = parseJsonBounded(text);
  } catch (err) {
    // Past the bound, whatever the route: every later walk of the reply relies on it.
    if (err instanceof JsonTooDeep) throw badResponseError(status, `JSON ${err.message}`, ctx);
    if (read && expect.route) throw notBifrostError(status, text, contentType, ctx);
    if (read) throw absentRouteError(status, ctx);
    throw badResponseError(status, text.trim() === '' ? 'empty body' : 'body is not JSON', ctx);
  }
  if (read && expect.identify && !expect.identify(json)) throw notBifrostError(status, text, contentType, ctx);
  return json;
}

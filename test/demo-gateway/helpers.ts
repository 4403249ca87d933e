/** Shared helpers for the demo gateway tests. */
import { afterEach } from 'vitest';
import { startDemoGateway, type DemoGateway, type DemoGatewayOptions } from '../../src/demo-gateway/index.js';

const open: DemoGateway[] = [];

/** Starts a gateway that is closed after the current test. */
export async function gateway(opts?: DemoGatewayOptions): Promise<DemoGateway> {
  const gw = await startDemoGateway(opts);
  open.push(gw);
  return gw;
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((gw) => gw.close()));
});

export type Json = Record<string, any>;

/** fetch + JSON; returns status, raw text and parsed body. */
export async function call(gw: DemoGateway, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; text: string; json: Json; headers: Headers }> {
  const res = await fetch(gw.url + path, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  let json: Json = {};
  try {
    json = JSON.parse(text) as Json;
  } catch {
    /* not JSON */
  }
  return { status: res.status, text, json, headers: res.headers };
}

/** The PUT body the client would build: the GET response minus read-only fields. */
export function toBody(provider: Json): Json {
  const body: Json = structuredClone(provider);
  for (const k of ['name', 'provider_status', 'status', 'description', 'config_hash', 'keys']) delete body[k];
  return body;
}

/** GET a provider and return its PUT body. */
export async function bodyOf(gw: DemoGateway, name: string): Promise<Json> {
  return toBody((await call(gw, 'GET', `/api/providers/${encodeURIComponent(name)}`)).json);
}

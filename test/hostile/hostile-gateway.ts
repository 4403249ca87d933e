/**
 * A hostile gateway on loopback: answers each GET with exactly the text it is given (no schema, no
 * re-encoding, so `__proto__` members, absurd nesting and megabytes of text arrive as written), takes
 * a PUT as the provider's new text, and records every request with its raw body.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HostileRequest {
  method: string;
  url: string;
  body: string;
}

export interface HostileGateway {
  url: string;
  requests: HostileRequest[];
  /** Sets the raw text of a provider (its `GET /api/providers/NAME` and its item in the list). */
  setProvider(name: string, text: string): void;
  /** Overrides the raw answer to one path (e.g. the whole list). */
  setRaw(path: string, text: string): void;
  close(): Promise<void>;
}

export async function startHostileGateway(): Promise<HostileGateway> {
  const providers = new Map<string, string>();
  const raw = new Map<string, string>();
  const requests: HostileRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = req.url ?? '/';
      requests.push({ method: req.method ?? 'GET', url, body });
      res.setHeader('content-type', 'application/json');
      const send = (status: number, text: string): void => {
        res.statusCode = status;
        res.end(text);
      };
      if (raw.has(url)) return send(200, raw.get(url)!);
      if (url === '/api/providers' && req.method === 'GET') return send(200, `{"providers":[${[...providers.values()].join(',')}]}`);
      if (url === '/api/keys') return send(200, '[]');
      const m = /^\/api\/providers\/([^/]+)(\/keys)?$/.exec(url);
      const name = m ? decodeURIComponent(m[1]!) : undefined;
      if (name !== undefined && m![2]) return send(200, '{"keys":[]}');
      if (name !== undefined && providers.has(name)) {
        if (req.method === 'PUT') {
          // The new provider text: the body as sent, with its name (kept as raw text, members and all).
          const text = `{"name":${JSON.stringify(name)},${body.trim().slice(1)}`;
          providers.set(name, body.trim() === '{}' ? `{"name":${JSON.stringify(name)}}` : text);
        }
        return send(200, providers.get(name)!);
      }
      send(404, '{"error":{"message":"not found"}}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    setProvider: (name, text) => void providers.set(name, text),
    setRaw: (path, text) => void raw.set(path, text),
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

/** JSON text of an object nested `levels` deep: `{"a":{"a":…1…}}`. */
export function nested(levels: number): string {
  return `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
}

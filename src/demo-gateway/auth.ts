/** The auth middleware and session routes (CONTRACT.md §2). */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { DemoAuth } from './types.js';
import type { DemoRequest } from './context.js';
import { isObject } from './json.js';
import { errorReply, jsonReply, type Reply } from './reply.js';

const same = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

function header(req: DemoRequest, name: string): string {
  const v = req.headers[name];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

export class AuthGate {
  private readonly sessions = new Set<string>();

  constructor(private readonly auth: DemoAuth) {}

  get enabled(): boolean {
    return this.auth.kind !== 'none';
  }

  private basicOk(encoded: string): boolean {
    if (this.auth.kind !== 'basic') return false;
    const decoded = Buffer.from(encoded, 'base64').toString('utf8');
    return same(decoded, `${this.auth.username}:${this.auth.password}`);
  }

  /** Whether the request carries a credential the middleware accepts. */
  allows(req: DemoRequest): boolean {
    if (this.auth.kind === 'none') return true;
    const authz = header(req, 'authorization');
    if (authz !== '') {
      const m = /^(\S+)\s+(.+)$/.exec(authz.trim());
      if (!m?.[1] || !m[2]) return false;
      const scheme = m[1].toLowerCase();
      const cred = m[2];
      if (scheme === 'basic') return this.basicOk(cred);
      if (scheme !== 'bearer') return false;
      if (this.auth.kind === 'bearer' && same(cred, this.auth.token)) return true;
      // A session token, else the legacy `Bearer base64(user:pass)` fallback.
      return this.sessions.has(cred) || this.basicOk(cred);
    }
    const cookie = /(?:^|;\s*)token=([^;]+)/.exec(header(req, 'cookie'));
    return cookie?.[1] !== undefined && this.sessions.has(cookie[1]);
  }

  /** `GET /api/session/is-auth-enabled` (public); `extra`: the v2.2.6 setup fields. */
  status(req: DemoRequest, extra: Record<string, unknown> = {}): Reply {
    return jsonReply(200, {
      is_auth_enabled: this.enabled,
      has_valid_token: this.enabled && this.allows(req),
      auth_type: this.enabled ? 'password' : 'none',
      ...extra,
    });
  }

  /** `POST /api/session/login` (public): only the basic (username/password) mode has credentials to log in with. */
  login(req: DemoRequest): Reply {
    if (!this.enabled) return errorReply(403, 'Authentication is not enabled');
    const body = req.json;
    if (!req.jsonOk || !isObject(body) || typeof body.username !== 'string' || typeof body.password !== 'string') {
      return errorReply(400, 'Invalid request payload');
    }
    if (this.auth.kind !== 'basic' || !same(body.username, this.auth.username) || !same(body.password, this.auth.password)) {
      return errorReply(401, 'Invalid username or password');
    }
    const token = randomBytes(24).toString('hex');
    this.sessions.add(token);
    return jsonReply(200, { message: 'Login successful', token }, { 'set-cookie': `token=${token}; Path=/; HttpOnly; SameSite=Lax` });
  }

  /** `POST /api/session/logout` (authenticated). */
  logout(req: DemoRequest): Reply {
    if (!this.enabled) return errorReply(403, 'Authentication is not enabled');
    const m = /^bearer\s+(.+)$/i.exec(header(req, 'authorization').trim());
    if (m?.[1]) this.sessions.delete(m[1]);
    return jsonReply(200, { message: 'Logout successful' });
  }
}

export const unauthorizedReply = (): Reply => errorReply(401, 'Unauthorized');

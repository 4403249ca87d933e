/**
 * v2.2.6's setup lock (VERSIONS.md §5.6): while dashboard auth is not active,
 * every non-public `/api` call needs the `X-Bifrost-Setup-Token` header:
 * missing → 401, wrong → 403. The exact messages are [unconfirmed] upstream.
 */
import { timingSafeEqual } from 'node:crypto';
import type { DemoRequest } from './context.js';
import { errorReply, type Reply } from './reply.js';

export const SETUP_REQUIRED_MESSAGE = 'Setup required: send the setup token in the X-Bifrost-Setup-Token header, or finish setup in the dashboard';
export const SETUP_TOKEN_INVALID_MESSAGE = 'Invalid setup token';

export class SetupLock {
  /** `token`: the lock is on with this token; undefined: the line has the lock but no setup is pending. */
  constructor(private readonly token: string | undefined) {}

  /** The fields v2.2.6 adds to `GET /api/session/is-auth-enabled`. */
  status(): Record<string, boolean> {
    return { setup_required: this.token !== undefined, setup_token_configured: this.token !== undefined };
  }

  /** The refusal for a non-public `/api` call, or undefined when it may pass. Lifts once auth is on. */
  refuses(req: DemoRequest, authEnabled: boolean): Reply | undefined {
    if (this.token === undefined || authEnabled) return undefined;
    const raw = req.headers['x-bifrost-setup-token'];
    const sent = Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? '');
    if (sent === '') return errorReply(401, SETUP_REQUIRED_MESSAGE);
    const a = Buffer.from(sent);
    const b = Buffer.from(this.token);
    return a.length === b.length && timingSafeEqual(a, b) ? undefined : errorReply(403, SETUP_TOKEN_INVALID_MESSAGE);
  }
}

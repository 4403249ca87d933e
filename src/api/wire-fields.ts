/**
 * Constants of the wire format that code without a schema needs (the PUT
 * body builders, the form's descriptors, the drafts). Here rather than in
 * wire.ts, so importing them does not evaluate zod and every schema (which
 * the list screen, and so start-up, never needs).
 */

/** Fields the server never decodes on PUT (CONTRACT.md §4.3) plus `keys`, which it rejects. */
export const READ_ONLY_FIELDS = ['name', 'provider_status', 'status', 'description', 'config_hash', 'keys'] as const;

/** Key fields the gateway computes; never sent on a key PUT/POST (CONTRACT.md §4.6). */
export const KEY_READ_ONLY_FIELDS = ['config_hash', 'status', 'description'] as const;

export const PROXY_TYPES = ['none', 'http', 'socks5', 'environment'] as const;

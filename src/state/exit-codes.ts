/** Documented exit codes: one table for every command's --help and the README "Exit codes" section. */
export const EXIT = {
  ok: 0,
  changes: 1,
  usage: 2,
  validation: 3,
  auth: 4,
  notFound: 5,
  conflict: 6,
  gateway: 7,
  /** `apply -f DIR`, `fleet push`: some providers (targets) were written, some failed. */
  partial: 8,
  /** The same or done as far as can be seen, but a secret is a mask on both sides (cannot be verified) or could not be copied. */
  unverified: 9,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * What each code means, in one plain-text line (no markdown: it is printed by
 * --help and copied into the README table as it is; test/docs checks both).
 */
export const EXIT_MEANINGS: Readonly<Record<ExitCode, string>> = {
  0: 'ok (diff: no changes)',
  1: 'changes found (diff), or refused: no --yes without a terminal, a read-only profile, not confirmed',
  2: 'usage: bad arguments or an unknown command, no gateway given, the interactive app started without a terminal, a provider name . or .., a URL with credentials, a document file that cannot be read (missing, a device, over its size cap), a timeout outside 1 ms to 1 hour',
  3: 'validation: a value fails the editor\'s rules (1e309 included), a field no one knows, the gateway answered 400, the config file is broken (left as it is), or a config or state directory another user owns or can write to',
  4: 'auth: 401/403 (a v2.2.6 gateway locked until setup, a v2 admin-session gate included), or a profile\'s key or setup token cannot be resolved',
  5: 'not found: no such provider, key, saved version or profile',
  6: 'conflict: the provider (key) changed on the gateway since the export, or since it was read (re-checked right before every write; any change counts); nothing was written',
  7: 'gateway or network error (5xx, timeout, connection refused, TLS, an unreadable CA file) or a bad reply (not JSON, nested deeper than 100 levels, wrong shape, over the size cap); a URL that is not a Bifrost management API; a route the gateway\'s version lacks; a write without a clear answer (it may have landed: said so); a v1.4 provider PUT without its keys (never sent); fleet diff: a gateway could not be read',
  8: 'partly applied: apply -f DIR or fleet push wrote some providers (targets) and others failed',
  9: 'unverified: nothing else differs (or all was written), but a secret is the same mask on both sides (same mask, cannot be verified) or could not be copied and was left as the target has it (fleet diff, fleet push, and providers diff or apply of a directory)',
};

/** Every code, ascending. */
export const EXIT_CODES: readonly ExitCode[] = Object.values(EXIT).sort((a, b) => a - b);

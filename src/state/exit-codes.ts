/**
 * The documented exit codes: one table, which every `--help` and the README
 * "Exit codes" section are made from (`test/docs/readme-exit-codes.test.ts`
 * fails when the README disagrees).
 */
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
  /** The same or done as far as can be seen, but a secret is a mask on both sides (cannot be verified) or cannot be copied. */
  unverified: 9,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** One row of the table: the short words for `--help`, the full meaning for the README. */
export interface ExitCodeRow {
  code: ExitCode;
  short: string;
  meaning: string;
}

export const EXIT_CODES: readonly ExitCodeRow[] = [
  { code: EXIT.ok, short: 'ok (diff: no changes)', meaning: 'ok (`diff`: no changes)' },
  {
    code: EXIT.changes, short: 'changes found (diff) / refused: no --yes without a terminal, read-only profile, not confirmed',
    meaning: 'changes found (`diff`) / refused: no `--yes` without a terminal, read-only profile, not confirmed',
  },
  {
    code: EXIT.usage, short: 'usage: bad arguments, no gateway given',
    meaning: 'usage: bad arguments, no gateway given, the interactive app started without a terminal, a provider name `.`/`..`, a URL with credentials',
  },
  {
    code: EXIT.validation, short: 'validation: the editor\'s rules, the gateway\'s 400, a broken config file',
    meaning: 'validation: a value fails the editor\'s rules, the gateway answered 400, or the config file is broken: invalid JSON, not a JSON object (`[1,2,3]`, `null`, `42`), or off the schema (the file is left as it is)',
  },
  { code: EXIT.auth, short: 'auth: 401/403, or a key that cannot be resolved', meaning: 'auth: 401/403, or a profile\'s key cannot be resolved' },
  { code: EXIT.notFound, short: 'not found: no such provider, key or profile', meaning: 'not found: no such provider or key, or no such profile (`--profile`, `profiles show`)' },
  {
    code: EXIT.conflict, short: 'conflict: changed on the gateway since it was read (or exported); nothing written',
    meaning: 'conflict: the provider (key) changed on the gateway since the export, or since it was read (re-checked right before every write, any change counts); nothing was written',
  },
  {
    code: EXIT.gateway, short: 'gateway or network error (the write may have landed: said so)',
    meaning: 'gateway or network error (5xx, timeout, connection refused, TLS), or a bad reply (not JSON, wrong shape, larger than the response cap); a write without a clear answer says it may have landed; a write refused because the gateway is v1.4 (below); `fleet diff`: a gateway could not be read (nothing else differs)',
  },
  { code: EXIT.partial, short: 'partly applied: some providers (targets) written, others failed', meaning: 'partly applied: `apply -f DIR` / `fleet push` wrote some providers (targets) and others failed' },
  {
    code: EXIT.unverified, short: 'the same (or done) as far as can be seen: a secret is a mask on both sides, or could not be copied',
    meaning: 'unverified: nothing else differs (or everything was written), but a secret is the same mask on both sides ("same mask, cannot be verified") or could not be copied and was left as the target has it (`fleet diff`, `fleet push`, `providers diff|apply -f DIR`)',
  },
];

/** The "Exit codes:" block of a `--help` (`codes`: the ones the command can return, default all). */
export function exitCodesHelp(codes: readonly ExitCode[] = EXIT_CODES.map((r) => r.code)): string {
  return ['Exit codes:', ...EXIT_CODES.filter((r) => codes.includes(r.code)).map((r) => `  ${r.code}  ${r.short}`)].join('\n');
}

/** The README's table. */
export function exitCodesMarkdown(): string {
  return ['| Code | Meaning |', '| --- | --- |', ...EXIT_CODES.map((r) => `| ${r.code} | ${r.meaning} |`)].join('\n');
}

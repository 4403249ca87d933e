/** Documented exit codes (README "Exit codes"). */
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

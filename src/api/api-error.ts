/** The one error type every client call rejects with. */

/** What went wrong: an HTTP status from the gateway, or a transport failure. */
export type ApiErrorKind =
  | 'http'
  | 'refused'
  | 'dns'
  | 'tls'
  | 'timeout'
  | 'aborted'
  | 'network'
  | 'bad-response'
  /** Refused before sending: the request itself is invalid (e.g. provider name `..`). */
  | 'invalid'
  /** Refused before sending: this client cannot write to this gateway safely (e.g. a v1.4 gateway). */
  | 'unsupported'
  /** A read of a route this gateway's version does not have: it answered something that is not JSON (the dashboard's HTML). */
  | 'absent'
  /** The URL answers, but not as a Bifrost management API (an HTML page or another JSON where the provider list is). */
  | 'not-bifrost';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly kind: ApiErrorKind,
    /** One line, human, secret-free. */
    message: string,
    readonly status?: number,
    readonly method?: string,
    readonly path?: string,
  ) {
    super(message);
  }

  /** The gateway refused the credentials (or the setup token, or a v2 gate): an HTTP 401/403 from the gateway. */
  get isAuth(): boolean {
    return this.kind === 'http' && (this.status === 401 || this.status === 403);
  }
  /** The gateway answered 404 for what was asked (not a web server that is not Bifrost). */
  get isNotFound(): boolean {
    return this.kind === 'http' && this.status === 404;
  }
}

/** Turns anything thrown into a one-line message. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message.split('\n')[0] ?? String(err);
  return String(err);
}

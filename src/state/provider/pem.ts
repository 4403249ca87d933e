/**
 * One-line summaries of multi-line values (CA PEMs). node:crypto is pure
 * computation here (no I/O), so it is allowed in the state layer.
 */
import { X509Certificate } from 'node:crypto';
import { isRedacted } from '../../api/secrets.js';
import { envVarRef, envVarValue, isEnvVarRedacted } from './env-var.js';

const CERT_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Parsed facts of one certificate. */
export interface CertInfo {
  readonly subjectCN?: string;
  readonly subject: string;
  /** ISO date (YYYY-MM-DD) of `notAfter`. */
  readonly expires: string;
  readonly expired: boolean;
}

/** The certificates in PEM text; undefined when there is none or one does not parse. */
export function parseCertificates(pem: string, now: Date = new Date()): CertInfo[] | undefined {
  const blocks = pem.match(CERT_BLOCK);
  if (!blocks) return undefined;
  try {
    return blocks.map((b) => {
      const cert = new X509Certificate(b);
      const subjectLines = cert.subject.split('\n');
      const cn = subjectLines.find((l) => l.startsWith('CN='))?.slice(3);
      const notAfter = new Date(cert.validTo);
      return {
        ...(cn !== undefined ? { subjectCN: cn } : {}),
        subject: subjectLines.join(', '),
        expires: notAfter.toISOString().slice(0, 10),
        expired: notAfter.getTime() < now.getTime(),
      };
    });
  } catch {
    return undefined;
  }
}

/** True when text is one or more valid PEM certificates. */
export function isValidPem(text: string): boolean {
  return parseCertificates(text) !== undefined;
}

/**
 * Short summary: `not set`, `set, redacted`, the env/vault reference, or
 * `CN=<cn>, expires YYYY-MM-DD` (plus `EXPIRED`, and `+N more` for bundles).
 * Never shows the PEM body.
 */
export function summarizePem(value: unknown, now: Date = new Date()): string {
  const ref = envVarRef(value);
  if (ref) return ref;
  const text = envVarValue(value);
  if (text.trim() === '') return 'not set';
  if (isEnvVarRedacted(value) || isRedacted(text.trim())) return 'set, redacted';
  const certs = parseCertificates(text, now);
  if (!certs || certs.length === 0) return 'not a valid PEM certificate';
  const first = certs[0]!;
  const name = first.subjectCN !== undefined ? `CN=${first.subjectCN}` : first.subject || 'no subject';
  const more = certs.length > 1 ? ` (+${certs.length - 1} more)` : '';
  return `${name}, expires ${first.expires}${first.expired ? ' (EXPIRED)' : ''}${more}`;
}

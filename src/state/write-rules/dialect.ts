/**
 * The seam where a gateway's version plugs into the write pipeline (DESIGN.md
 * rule 11). The pipeline asks a dialect exactly two things, and nothing else
 * about the gateway's version:
 * - `writableFields`: which fields a target of a kind can take. Everything
 *   else is read-only there: left out of bodies and never a conflict.
 * - `writeBody`: the exact body to send for the object as fetched plus the
 *   planned edits (e.g. v1.4 must send a provider's `keys` back whole;
 *   v2.2.6 patches a key instead of replacing it).
 * Today's rules are the v1.5+ line (`V1_5_DIALECT`). The version table
 * (src/api/versions: `providerPutBody`, `keyPutBody`, their refusals) plugs
 * in as one dialect per detected version, handed to `createWriter` and to the
 * pure `reviewWrite`/`checkPlan`.
 */
import { buildKeyBody } from '../../api/key-body.js';
import { buildUpdateBody, type Edit } from '../../api/update-body.js';
import { KEY_READ_ONLY_FIELDS, READ_ONLY_FIELDS } from '../../api/wire-fields.js';

/** What a write changes: a provider (its config) or one of its keys. */
export type TargetKind = 'provider' | 'key';

/** A gateway version's rules for writing. Pure. */
export interface WriteDialect {
  /** A short name for messages (e.g. `v1.5`). */
  readonly name: string;
  /** The top-level fields a target of `kind` cannot take on this version (read-only or computed). */
  readOnlyFields(kind: TargetKind): ReadonlySet<string>;
  /**
   * The exact body of a write: `fetched` (the object as the gateway sent it;
   * for a create, the desired object) with `edits` applied and the read-only
   * fields left out. Unknown fields and redacted values go back byte for byte.
   * Throws to refuse (this version cannot take the write): the message is the
   * review's problem, and the commit sends nothing.
   */
  writeBody(kind: TargetKind, fetched: Record<string, unknown>, edits: readonly Edit[]): Record<string, unknown>;
}

const PROVIDER_READ_ONLY: ReadonlySet<string> = new Set(READ_ONLY_FIELDS);
const KEY_READ_ONLY: ReadonlySet<string> = new Set(KEY_READ_ONLY_FIELDS);

/** v1.5 and later: keys on their own endpoints (never in a provider body), a key PUT replaces the whole key. */
export const V1_5_DIALECT: WriteDialect = {
  name: 'v1.5',
  readOnlyFields: (kind) => (kind === 'provider' ? PROVIDER_READ_ONLY : KEY_READ_ONLY),
  writeBody: (kind, fetched, edits) => (kind === 'provider' ? buildUpdateBody(fetched, edits) : buildKeyBody(fetched, edits)),
};

/** The writable part of an object as fetched: a copy without the read-only top-level fields. */
export function writablePart(kind: TargetKind, object: unknown, dialect: WriteDialect = V1_5_DIALECT): Record<string, unknown> {
  const copy = (object !== null && typeof object === 'object' && !Array.isArray(object) ? structuredClone(object) : {}) as Record<string, unknown>;
  for (const f of dialect.readOnlyFields(kind)) delete copy[f];
  return copy;
}

/**
 * Builds the body of a key PUT from the key exactly as fetched plus the
 * user's edits (CONTRACT.md §4.6: the PUT expects the full key). Unknown
 * fields, redacted values and provider-specific blocks go back as received.
 */
import { applyEdit, cloneJson, type Edit } from './update-body.js';
import type { Key } from './wire.js';
import { KEY_READ_ONLY_FIELDS } from './wire-fields.js';

/** The complete key PUT body: the fetched key minus computed fields, with `edits` applied in order. */
export function buildKeyBody(fetched: Key | Record<string, unknown>, edits: readonly Edit[] = []): Record<string, unknown> {
  const body = cloneJson(fetched) as Record<string, unknown>;
  for (const field of KEY_READ_ONLY_FIELDS) delete body[field];
  for (const edit of edits) {
    const head = edit.path[0] ?? '';
    if ((KEY_READ_ONLY_FIELDS as readonly string[]).includes(head) || head === 'id') {
      throw new Error(`cannot edit read-only key field ${edit.path.join('.')}`);
    }
    applyEdit(body, edit);
  }
  return body;
}

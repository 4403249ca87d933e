/**
 * Confirming a write by a fresh read: where the gateway's copy after the
 * write differs from what was sent. A secret reads back masked and a 0 or an
 * unset value may read back as its default (CONTRACT §11.9), so those are
 * not differences; key reads may lag a write (upstream #5958).
 */
import { isSecretPath } from '../../api/secrets.js';
import type { Key } from '../../api/wire.js';
import { writeDisagreements } from '../keys/key-checks.js';
import { serverChanges } from '../provider/diff.js';
import type { TargetKind } from './dialect.js';

/** One note per disagreement between the body sent, the gateway's answer and a fresh read; empty = confirmed. */
export function confirmNotes(kind: TargetKind, sent: Record<string, unknown>, response: unknown, fresh: unknown): string[] {
  if (kind === 'key') return writeDisagreements(sent, response as Key | undefined, fresh as Key);
  const missing = serverChanges(sent, fresh).filter((e) => !isSecretPath(e.path)).map((e) => e.path);
  return missing.length > 0 ? [`a fresh read does not show ${missing.join(', ')} as sent (changed again since, or not applied)`] : [];
}

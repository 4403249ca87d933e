/**
 * The write pipeline for one session, as every TUI writer of a whole
 * provider uses it (create, delete, restore, whole-object edit, fleet push):
 * that gateway's client, its history as the backup store, its profile's
 * read-only flag. The gateway version's dialect is added here, in one place.
 */
import { createWriter, historyBackups, type Writer } from '../write/pipeline.js';
import type { Services, Session } from './services.js';

export function sessionWriter(services: Services, session: Session = services.session): Writer {
  return createWriter({
    client: session.client,
    ...(services.history ? { backups: historyBackups(services.history, session.connection.gatewayKey) } : {}),
    readOnly: session.connection.readOnly,
  });
}

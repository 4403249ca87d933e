/**
 * Effects of the keys screen: load the provider's keys, and commit reviewed
 * writes through the write pipeline, one key at a time (re-read right before
 * each write, stop on a change made meanwhile, back the key up to the local
 * history, write, confirm by a fresh GET of the key).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../../api/api-error.js';
import type { Key } from '../../../api/wire.js';
import type { WriteOutcome } from '../../../state/write-rules/outcome.js';
import { keyReview } from '../../../state/keys-screen/keys-review.js';
import type { KeysAction, KeyWrite } from '../../../state/keys-screen/keys-state.js';
import { createWriter, historyBackups } from '../../../write/pipeline.js';
import type { WriteDialect } from '../../../state/write-rules/dialect.js';
import type { Services } from '../../services.js';

const label = (w: KeyWrite): string => `"${String(w.kind === 'create' ? w.body.name : (w.fetched.name ?? w.fetched.id))}"`;

/** Why a write did not happen, in one line; `field`: the key field a 400/409 names. */
function notSaved(w: KeyWrite, o: Exclude<WriteOutcome, { kind: 'written' | 'conflict' }>): { message: string; field?: string } {
  if (o.kind === 'may-have-landed') return { message: `${label(w)}: ${o.message} (the write may still have reached the gateway: reload to see)` };
  if (o.why !== 'gateway') return { message: o.message };
  const msg = o.message.replace(/^\d{3}( [A-Za-z ]+)?:\s*/, '');
  return { message: `${label(w)} not saved: ${o.field ? `${o.field}: ` : ''}${msg}`, ...(o.field ? { field: o.field } : {}) };
}

export function useKeysController(services: Services, provider: string, dispatch: (a: KeysAction) => void): {
  reload: () => void;
  save: (writes: readonly KeyWrite[], dialect?: WriteDialect) => void;
} {
  const alive = useRef(true);
  // The read of the keys is abandoned (aborted) when the screen is left.
  const leaving = useRef(new AbortController());
  useEffect(() => () => {
    alive.current = false;
    leaving.current.abort();
  }, []);
  const { client, connection } = services.session;
  const [writer] = useState(() => createWriter({
    client,
    ...(services.history ? { backups: historyBackups(services.history, connection.gatewayKey) } : {}),
    readOnly: connection.readOnly,
  }));

  const reload = useCallback(() => {
    dispatch({ type: 'load-started' });
    const signal = leaving.current.signal;
    void (async () => {
      // The gateway's dialect (asked once per session): model lists in its meaning, reviews in its body. Unknown: v1.5's
      // rendering, and the write asks again (a review in the wrong dialect is never sent).
      const dialect = await writer.dialect({ signal }).catch(() => undefined);
      if (dialect?.keysInProvider) {
        // v1.4: no key routes; the keys are the provider's, and a key write is a PUT of the provider.
        const carrier = (await client.getProvider(provider, { signal })) as Record<string, unknown>;
        return { keys: (Array.isArray(carrier.keys) ? carrier.keys : []) as Key[], dialect, carrier };
      }
      return { keys: await client.listKeys(provider, { signal }), ...(dialect ? { dialect } : {}) };
    })().then(
      (loaded) => alive.current && dispatch({ type: 'load-succeeded', ...loaded }),
      (err: unknown) => alive.current && dispatch({ type: 'load-failed', message: errorMessage(err) }),
    );
  }, [client, provider, dispatch, writer]);

  useEffect(reload, [reload]);

  const save = useCallback(
    (writes: readonly KeyWrite[], dialect?: WriteDialect) => {
      void (async () => {
        const notes: string[] = [];
        const fresh: Key[] = [];
        const deleted: string[] = [];
        for (const [done, w] of writes.entries()) {
          // On v1.4 the commit carries the key in the provider as its re-read right before the write shows it.
          const outcome = await writer.commit(keyReview(provider, w, dialect));
          if (!alive.current) return;
          const saved = done ? `${done} of ${writes.length} saved; ` : '';
          if (outcome.kind === 'conflict') {
            if (outcome.reason === 'changed' && outcome.current) {
              dispatch({ type: 'conflict', fresh: outcome.current as Key, pending: writes.slice(done), saved: done });
            } else {
              dispatch({ type: 'save-failed', message: `${saved}${label(w)} was ${outcome.reason} on the gateway since it was read: nothing was sent for it` });
            }
            return reload();
          }
          if (outcome.kind !== 'written') {
            const { message, field } = notSaved(w, outcome);
            dispatch({ type: 'save-failed', message: `${saved}${message}`, ...(field ? { field } : {}) });
            return reload();
          }
          for (const n of outcome.notes) notes.push(n);
          if (w.kind === 'delete') deleted.push(w.fetched.id ?? '');
          else if (outcome.confirmed) fresh.push(outcome.confirmed as Key);
        }
        const message = notes.length ? `saved; ${notes[0]}` : `✔ saved ${writes.length === 1 ? label(writes[0]!) : `${writes.length} keys`}; confirmed by a fresh read`;
        dispatch({ type: 'saved', message, tone: notes.length ? 'warn' : 'ok', fresh, deleted });
      })();
    },
    [writer, provider, dispatch, reload],
  );

  return { reload, save };
}

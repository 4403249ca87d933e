/**
 * Effects of the keys screen: load the provider's keys, and run reviewed
 * writes with the save safety of providers (re-read right before each write,
 * stop on a change made meanwhile, back the key up to the local history,
 * write, confirm from the answer and a fresh GET of the key).
 */
import { useCallback, useEffect, useRef } from 'react';
import { ApiError, errorMessage } from '../../../api/api-error.js';
import { buildKeyBody } from '../../../api/key-body.js';
import type { Key } from '../../../api/wire.js';
import { keyFingerprint, writeDisagreements } from '../../../state/keys/key-checks.js';
import { keyErrorField } from '../../../state/keys/key-errors.js';
import { keyHistoryName } from '../../../state/keys/key-view.js';
import type { KeysAction, KeyWrite } from '../../../state/keys-screen/keys-screen.js';
import type { Services } from '../../services.js';

const label = (w: KeyWrite): string => `"${String(w.kind === 'create' ? w.body.name : (w.fetched.name ?? w.fetched.id))}"`;

/** A write the gateway refused or did not answer; `field` is the key field a 400/409 names. */
class KeyWriteFailed extends Error {
  constructor(message: string, readonly field?: string, options?: ErrorOptions) {
    super(message, options);
  }
}

/** The key changed on the gateway since it was read: nothing was sent for it. */
class KeyChanged extends Error {
  constructor(readonly fresh: Key) {
    super('changed on the gateway');
  }
}

/** One line for a refused write: the gateway's 400/409 at the field it concerns. */
function failure(w: KeyWrite, err: unknown): KeyWriteFailed {
  const msg = errorMessage(err).replace(/^\d{3}( [A-Za-z ]+)?:\s*/, '');
  const field = err instanceof ApiError && (err.status === 400 || err.status === 409) ? keyErrorField(msg) : undefined;
  return new KeyWriteFailed(`${label(w)} not saved: ${field ? `${field}: ` : ''}${msg}`, field, { cause: err });
}

export function useKeysController(services: Services, provider: string, dispatch: (a: KeysAction) => void): { reload: () => void; save: (writes: readonly KeyWrite[]) => void } {
  const alive = useRef(true);
  // The read of the keys is abandoned (aborted) when the screen is left.
  const leaving = useRef(new AbortController());
  useEffect(() => () => {
    alive.current = false;
    leaving.current.abort();
  }, []);
  const { client, connection } = services.session;

  const reload = useCallback(() => {
    dispatch({ type: 'load-started' });
    client.listKeys(provider, { signal: leaving.current.signal }).then(
      (keys) => alive.current && dispatch({ type: 'load-succeeded', keys }),
      (err: unknown) => alive.current && dispatch({ type: 'load-failed', message: errorMessage(err) }),
    );
  }, [client, provider, dispatch]);

  useEffect(reload, [reload]);

  /** One write; returns notes (empty = confirmed) and the key as a fresh GET shows it, or throws a one-line Error. */
  const writeOne = async (w: KeyWrite): Promise<{ notes: string[]; fresh?: Key }> => {
    if (w.kind !== 'create') {
      const id = w.fetched.id!;
      const fresh = await client.getKey(provider, id);
      if (keyFingerprint(fresh) !== keyFingerprint(w.fetched)) throw new KeyChanged(fresh);
      try {
        services.history?.append(connection.gatewayKey, keyHistoryName(provider, id), w.fetched as Record<string, unknown>);
      } catch (err) {
        throw new Error(`cannot back up ${label(w)} (${errorMessage(err)}): nothing sent`, { cause: err });
      }
    }
    let response: Key | undefined;
    try {
      if (w.kind === 'create') response = await client.createKey(provider, w.body);
      else if (w.kind === 'update') response = await client.updateKey(provider, w.fetched.id!, buildKeyBody(w.fetched, w.edits));
      else await client.deleteKey(provider, w.fetched.id!);
    } catch (err) {
      throw failure(w, err);
    }
    const id = w.kind === 'create' ? response?.id : w.fetched.id;
    if (!id) return { notes: [] };
    if (w.kind === 'delete') {
      const still = await client.getKey(provider, id).then(() => true, () => false);
      return { notes: still ? [`a fresh read still shows ${label(w)} (stale cache, upstream #5958)`] : [] };
    }
    const body = w.kind === 'create' ? w.body : buildKeyBody(w.fetched, w.edits);
    const fresh = await client.getKey(provider, id);
    return { notes: writeDisagreements(body, response, fresh), fresh };
  };

  const save = useCallback(
    (writes: readonly KeyWrite[]) => {
      void (async () => {
        const notes: string[] = [];
        const fresh: Key[] = [];
        const deleted: string[] = [];
        let done = 0;
        try {
          for (const w of writes) {
            const r = await writeOne(w);
            notes.push(...r.notes);
            if (r.fresh) fresh.push(r.fresh);
            if (w.kind === 'delete') deleted.push(w.fetched.id ?? '');
            done++;
          }
        } catch (err) {
          if (!alive.current) return;
          if (err instanceof KeyChanged) {
            dispatch({ type: 'conflict', fresh: err.fresh, pending: writes.slice(done), saved: done });
            return reload();
          }
          const field = err instanceof KeyWriteFailed ? err.field : undefined;
          dispatch({ type: 'save-failed', message: `${done ? `${done} of ${writes.length} saved; ` : ''}${errorMessage(err)}`, field });
          reload();
          return;
        }
        if (!alive.current) return;
        const message = notes.length ? `saved; ${notes[0]}` : `✔ saved ${writes.length === 1 ? label(writes[0]!) : `${writes.length} keys`}; confirmed by a fresh read`;
        dispatch({ type: 'saved', message, tone: notes.length ? 'warn' : 'ok', fresh, deleted });
      })();
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- callbacks read the latest state through getState; services are fixed for the screen's life
    [client, provider, dispatch, reload],
  );

  return { reload, save };
}

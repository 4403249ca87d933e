/**
 * Key drafts (state/keys-screen/key-draft.ts): this screen is one editor; the open
 * prompt's or list/map editor's text (a key field, rotate, a re-weight, the
 * add flow) is written on every keystroke and kept through review, saving
 * and conflict; cleared once the editor ends (saved or cancelled).
 * `offerDrafts` asks about the kept drafts no running editor holds: all of
 * them once the keys have loaded, a key's own when it is opened, the add
 * flow's on "add". `consume` removes the file of a restored or discarded one.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { keyDraftFor, keyDraftPrompt, keyDraftSlot, newKeyDraftSlot } from '../../../state/keys-screen/key-draft.js';
import type { KeyDraftOffer, KeysAction, KeysScreenState } from '../../../state/keys-screen/keys-state.js';
import type { Services } from '../../services.js';

const oneLine = (err: unknown): string => (err instanceof Error ? err.message : String(err)).split('\n')[0]!;

export interface KeyDrafts {
  /** Asks about the kept drafts of these keys (ids; `new` = the add flow's); true when one was found. */
  offerDrafts: (s: KeysScreenState, keyIds: readonly (string | 'new')[]) => boolean;
  consume: (offer: KeyDraftOffer) => void;
}

export function useKeyDrafts(services: Services, state: KeysScreenState, dispatch: (a: KeysAction) => void): KeyDrafts {
  const drafts = services.drafts;
  const gateway = services.session.connection.gatewayKey;
  const [editor] = useState(() => drafts?.begin());
  const written = useRef<string | undefined>(undefined);
  const offeredOnLoad = useRef(false);
  useEffect(() => () => void (editor && drafts?.end(editor)), [drafts, editor]);

  const m = state.mode;
  useEffect(() => {
    if (!drafts || !editor) return;
    try {
      const mine = keyDraftFor(state, new Date(services.now()).toISOString());
      if (mine) {
        if (written.current && written.current !== mine.slot) drafts.clear(gateway, written.current, editor);
        drafts.save(gateway, mine.slot, editor, mine.draft);
        written.current = mine.slot;
      } else if ((m.kind === 'list' || m.kind === 'fields') && written.current) {
        drafts.clear(gateway, written.current, editor);
        written.current = undefined;
      }
    } catch (err) {
      dispatch({ type: 'message', text: `could not write the draft: ${oneLine(err)}`, tone: 'warn' });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs when the mode changes (every keystroke in a prompt); the rest is read from the same render
  }, [m]);

  const offerDrafts = useCallback(
    (s: KeysScreenState, keyIds: readonly (string | 'new')[]): boolean => {
      if (!drafts) return false;
      try {
        const offers: KeyDraftOffer[] = [];
        for (const id of keyIds) {
          const slot = id === 'new' ? newKeyDraftSlot(s.provider) : keyDraftSlot(s.provider, id);
          for (const found of drafts.unrecovered(gateway, slot)) {
            const reopen = keyDraftPrompt(found.draft);
            if (reopen) offers.push({ slot, editor: found.editor, ...(id === 'new' ? {} : { keyId: id }), reopen, savedAt: found.draft.savedAt });
          }
        }
        dispatch({ type: 'offer-drafts', offers });
        return offers.length > 0;
      } catch (err) {
        dispatch({ type: 'message', text: `draft not readable, left on disk: ${oneLine(err)}`, tone: 'warn' });
        return false;
      }
    },
    [drafts, gateway, dispatch],
  );

  // Once the keys are there: ask about every kept draft of this provider's keys.
  useEffect(() => {
    if (state.phase !== 'ready' || offeredOnLoad.current) return;
    offeredOnLoad.current = true;
    offerDrafts(state, ['new', ...state.keys.map((k) => k.id).filter((id): id is string => id !== undefined)]);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on the first load
  }, [state.phase]);

  const consume = useCallback(
    (offer: KeyDraftOffer) => {
      try {
        drafts?.clear(gateway, offer.slot, offer.editor);
      } catch (err) {
        dispatch({ type: 'message', text: `could not remove the draft: ${oneLine(err)}`, tone: 'warn' });
      }
    },
    [drafts, gateway, dispatch],
  );

  return { offerDrafts, consume };
}

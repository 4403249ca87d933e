/**
 * Key-form drafts (state/keys/key-draft.ts): this screen is one editor; the
 * open prompt's text is written on every keystroke and kept through review,
 * saving and conflict; cleared once the prompt ends (saved or cancelled).
 * `openDraft` offers another editor's unsaved draft of the key being opened.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { keyDraftOf, keyDraftPrompt, keyDraftSlot } from '../../../state/keys/key-draft.js';
import { targetKeys, type KeysAction, type KeysScreenState } from '../../../state/keys/keys-screen.js';
import type { Services } from '../../services.js';

const oneLine = (err: unknown): string => (err instanceof Error ? err.message : String(err)).split('\n')[0]!;

export function useKeyDrafts(services: Services, state: KeysScreenState, dispatch: (a: KeysAction) => void): { openDraft: (s: KeysScreenState) => void } {
  const drafts = services.drafts;
  const gateway = services.session.connection.gatewayKey;
  const [editor] = useState(() => drafts?.begin());
  const written = useRef<string | undefined>(undefined);
  useEffect(() => () => void (editor && drafts?.end(editor)), [drafts, editor]);

  const m = state.mode;
  useEffect(() => {
    if (!drafts || !editor) return;
    try {
      if (m.kind === 'prompt') {
        const targets = targetKeys(state);
        const key = m.for === 'field' ? state.keys[state.cursor] : targets.length === 1 ? targets[0] : undefined;
        const draft = key?.id ? keyDraftOf(m, key, new Date(services.now()).toISOString()) : undefined;
        if (!draft || !key?.id) return;
        const slot = keyDraftSlot(state.provider, key.id);
        if (written.current && written.current !== slot) drafts.clear(gateway, written.current, editor);
        drafts.save(gateway, slot, editor, draft);
        written.current = slot;
      } else if ((m.kind === 'list' || m.kind === 'fields') && written.current) {
        drafts.clear(gateway, written.current, editor);
        written.current = undefined;
      }
    } catch (err) {
      dispatch({ type: 'message', text: `could not write the draft: ${oneLine(err)}`, tone: 'warn' });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs when the mode changes (every keystroke in a prompt); the rest is read from the same render
  }, [m]);

  const openDraft = useCallback(
    (s: KeysScreenState) => {
      const id = s.keys[s.cursor]?.id;
      if (!drafts || !id) return;
      try {
        const slot = keyDraftSlot(s.provider, id);
        const found = drafts.unrecovered(gateway, slot)[0];
        const reopen = found ? keyDraftPrompt(found.draft) : undefined;
        if (!found || !reopen) return;
        dispatch({ type: 'restore-draft', ...reopen });
        drafts.clear(gateway, slot, found.editor);
      } catch (err) {
        dispatch({ type: 'message', text: `draft not readable, left on disk: ${oneLine(err)}`, tone: 'warn' });
      }
    },
    [drafts, gateway, dispatch],
  );

  return { openDraft };
}

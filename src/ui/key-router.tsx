/**
 * One keyboard subscription for the whole app, routed to the screen that owns
 * the keyboard. Why not one `useInput` per screen: Ink subscribes in an effect,
 * so keys that arrive between a screen's first frame and that effect (a paste,
 * fast typing over SSH, several keys in one read) would be lost or reach a
 * stale handler. Here the handler is swapped during render, and keys that
 * arrive while a screen change is pending, or while the screen that has the
 * keyboard is still loading, are held and replayed, in order, after it.
 */
import { createContext, useContext, useEffect, useLayoutEffect, useRef, type ReactNode } from 'react';
import { useInput, useStdin, type Key } from 'ink';
import { decodeKey, NO_KEY } from '../state/input/decode-key.js';
import { createKeyReader, type InputToken, type KeyReader } from '../state/input/key-reader.js';
import { hasAltBinding } from './keymap.js';

export type KeyHandler = (input: string, key: Key) => void;

/** Options of a key handler. */
export interface KeyHandlerOptions {
  /** True while the screen is taking text: printable runs then arrive whole (a paste is one event). */
  acceptsText?: () => boolean;
  /**
   * True while the screen cannot take keys yet (its data is loading): the router holds them for it and
   * replays them once it can (see `useReplayAfterWait`).
   */
  waiting?: () => boolean;
  /**
   * While waiting, the keys that leave the screen (Esc, q, Ctrl+C): delivered at once, and the keys held
   * for the screen are dropped with it.
   */
  leavesWhileWaiting?: (input: string, key: Key) => boolean;
}

/**
 * Sees each key before the screen's handler (the too-small notice): returns true to pass it on.
 * `takesText` tells whether the screen is taking text right now.
 */
export type KeyFilter = (input: string, key: Key, takesText: boolean) => boolean;

interface Router {
  handler: KeyHandler | null;
  options: KeyHandlerOptions;
  filter: KeyFilter | null;
  /** A screen change is pending: every key waits for the next screen. */
  holding: boolean;
  queue: Array<[string, Key]>;
}

/** Hands a key to the screen that has the keyboard, or holds it while a screen change is pending or the screen waits. */
function deliver(router: Router, input: string, key: Key): void {
  if (router.holding) return void router.queue.push([input, key]);
  const { waiting, leavesWhileWaiting } = router.options;
  if (waiting?.()) {
    if (!leavesWhileWaiting?.(input, key)) return void router.queue.push([input, key]);
    router.queue.length = 0; // typed for the screen being left
  }
  if (router.filter && !router.filter(input, key, router.options.acceptsText?.() ?? false)) return;
  router.handler?.(input, key);
}

/** Delivers the held keys in order; those the screen cannot take yet are held again. */
function replayHeld(router: Router): void {
  for (const [input, key] of router.queue.splice(0)) deliver(router, input, key);
}

const RouterContext = createContext<Router | null>(null);

/** Makes `handler` receive the keys while `active`. Call from the owning screen's render. */
export function useKeyHandler(handler: KeyHandler, active = true, options: KeyHandlerOptions = {}): void {
  const router = useContext(RouterContext);
  if (router && active) {
    router.handler = handler;
    router.options = options;
  }
}

/** Whether the screen that has the keyboard is taking text right now (a field being typed into). */
export function useScreenTakesText(): () => boolean {
  const router = useContext(RouterContext);
  return () => Boolean(router && !router.holding && (router.options.acceptsText?.() ?? false));
}

/** Puts `filter` in front of the screen's handler (or takes it away with null). Call from render, every render. */
export function useKeyFilter(filter: KeyFilter | null): void {
  const router = useContext(RouterContext);
  if (router) router.filter = filter;
}

/**
 * The key events of one token: a keystroke is one event; a paste is one text
 * event (its line breaks are text, never Enter); a printable run is whole for
 * a text field, else one event per character.
 */
export function tokenEvents(token: InputToken, acceptsText: () => boolean): Array<[string, Key]> {
  if (token.kind === 'key') return [decodeKey(token.seq)];
  if (token.kind === 'paste') return token.text ? [[token.text, { ...NO_KEY }]] : [];
  if (acceptsText()) return [[token.text, { ...NO_KEY }]];
  return Array.from(token.text).map((c) => decodeKey(c));
}

/** Returns a function that holds further keys until the next render (call it when you navigate). */
export function useHoldKeys(): () => void {
  const router = useContext(RouterContext);
  return () => {
    if (router) router.holding = true;
  };
}

/**
 * Replays held keys after each commit of the calling component, by which time
 * the new screen's handler is in place. Call it in the component that owns
 * the navigation state.
 */
export function useReplayHeldKeys(): void {
  const router = useContext(RouterContext);
  useLayoutEffect(() => {
    if (!router?.holding) return;
    router.holding = false;
    replayHeld(router);
  });
}

/**
 * Replays, in order, the keys held while the calling screen was waiting (see `KeyHandlerOptions.waiting`),
 * once it no longer waits and has the keyboard. Call it in that screen, beside its `useKeyHandler`.
 */
export function useReplayAfterWait(waiting: boolean, active = true): void {
  const router = useContext(RouterContext);
  useLayoutEffect(() => {
    if (router && active && !waiting && !router.holding) replayHeld(router);
  }, [router, waiting, active]);
}

/**
 * For a screen whose code is still loading (see lazy-screen): while `loading` it has the keyboard and
 * holds every key; once loaded, the held keys are replayed, in order, to the screen's own handler
 * (in place by then: the screen renders before this hook's effect runs).
 */
export function useHoldWhileLoading(loading: boolean, active = true): void {
  const router = useContext(RouterContext);
  if (router && active && loading) {
    router.handler = () => undefined;
    router.options = { waiting: () => true };
  }
  useLayoutEffect(() => {
    if (router && active && !loading && !router.holding) replayHeld(router);
  }, [router, loading, active]);
}

/**
 * Ink parses each read into events and hands `useInput` its guess of one key
 * per event, which loses keys: "5\r\x13" in one read is one event (upstream:
 * vadimdemedes/ink#782, an opt-in split that was not merged), "ESC q" becomes
 * Alt+q, "ESC ^S" becomes a bare "\x13", and Backspace arrives as `delete`
 * (vadimdemedes/ink#512). So the router reads the raw event text Ink emits (its
 * internal input emitter, listened to ahead of `useInput`) and splits it itself
 * with the key reader; `useInput` is kept for raw mode and for batching the
 * handlers' updates.
 */
export function KeyRouter({ children }: { children: ReactNode }) {
  const router = useRef<Router>({ handler: null, options: {}, filter: null, holding: false, queue: [] }).current;
  const reader = useRef<KeyReader | null>(null);
  reader.current ??= createKeyReader({ isAltKey: hasAltBinding });
  const raw = useRef<string[]>([]);
  const { internal_eventEmitter: emitter } = useStdin();
  useEffect(() => {
    const take = (data: string): void => void raw.current.push(data);
    // Ahead of useInput's listener, which Ink re-adds after every render.
    emitter.prependListener('input', take);
    return () => void emitter.off('input', take);
  }, [emitter]);
  const acceptsText = (): boolean => !router.holding && !router.options.waiting?.() && (router.options.acceptsText?.() ?? false);
  useInput(() => {
    // Tokens are turned into events one at a time so a key that changes mode (e.g. "/") is seen by the next.
    for (const token of reader.current!.push(raw.current.splice(0).join(''))) {
      for (const [input, key] of tokenEvents(token, acceptsText)) deliver(router, input, key);
    }
  });
  return <RouterContext.Provider value={router}>{children}</RouterContext.Provider>;
}

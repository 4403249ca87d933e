/**
 * One keyboard subscription for the whole app, routed to the screen that owns
 * the keyboard. Why not one `useInput` per screen: Ink subscribes in an effect,
 * so keys that arrive between a screen's first frame and that effect (a paste,
 * fast typing over SSH, several keys in one read) would be lost or reach a
 * stale handler. Here the handler is swapped during render, and keys that
 * arrive while a screen change is pending are held and replayed after it.
 */
import { createContext, useContext, useLayoutEffect, useRef, type ReactNode } from 'react';
import { useInput, type Key } from 'ink';

export type KeyHandler = (input: string, key: Key) => void;

/** Options of a key handler. */
export interface KeyHandlerOptions {
  /** True while the screen is taking text: printable runs then arrive whole (a paste is one event). */
  acceptsText?: () => boolean;
}

interface Router {
  handler: KeyHandler | null;
  options: KeyHandlerOptions;
  holding: boolean;
  queue: Array<[string, Key]>;
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

const NO_KEY: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false,
  home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false,
  backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false,
};

/** The key event a single control character stands for. */
function controlKey(ch: string): [string, Key] {
  const code = ch.charCodeAt(0);
  if (ch === '\r' || ch === '\n') return ['', { ...NO_KEY, return: true }];
  if (ch === '\t') return ['', { ...NO_KEY, tab: true }];
  if (ch === '\x7f' || ch === '\b') return ['', { ...NO_KEY, backspace: true }];
  return [String.fromCharCode(code + 96), { ...NO_KEY, ctrl: true }];
}

/**
 * Ink hands over a whole read as one event ("jjj", "ol\r", a paste). Split it
 * into what a person typed: control characters one by one, printable runs
 * whole for a text field or character by character for commands.
 */
export function splitChunk(input: string, acceptsText: () => boolean): Array<[string, Key]> {
  const out: Array<[string, Key]> = [];
  for (const part of input.match(/[\x00-\x1f\x7f]|[^\x00-\x1f\x7f]+/g) ?? []) {
    if (part.length === 1 && /[\x00-\x1f\x7f]/.test(part)) out.push(controlKey(part));
    else out.push([part, NO_KEY]);
  }
  return out.flatMap(([text, key]) =>
    key === NO_KEY && !acceptsText() && Array.from(text).length > 1 ? Array.from(text).map((c): [string, Key] => [c, NO_KEY]) : [[text, key]],
  );
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
    const queued = router.queue.splice(0);
    for (const [input, key] of queued) {
      if (router.holding) router.queue.push([input, key]);
      else router.handler?.(input, key);
    }
  });
}

export function KeyRouter({ children }: { children: ReactNode }) {
  const router = useRef<Router>({ handler: null, options: {}, holding: false, queue: [] }).current;
  const deliver = (input: string, key: Key): void => {
    if (router.holding) router.queue.push([input, key]);
    else router.handler?.(input, key);
  };
  const acceptsText = (): boolean => !router.holding && (router.options.acceptsText?.() ?? false);
  useInput((input, key) => {
    if (input.length <= 1 || key.ctrl || key.meta) return deliver(input, key);
    // Text after a line break in one read is a paste, not typing: into a text field it goes whole
    // (the field turns line breaks into spaces) rather than as Enter followed by commands.
    if (acceptsText() && /[\r\n][^\r\n]/.test(input)) return deliver(input, NO_KEY);
    // Split lazily so a key that changes mode (e.g. "/" then text) is seen by the next part.
    const parts = input.match(/[\x00-\x1f\x7f]|[^\x00-\x1f\x7f]+/g) ?? [];
    for (const part of parts) {
      for (const [i, k] of splitChunk(part, acceptsText)) deliver(i, k);
    }
  });
  return <RouterContext.Provider value={router}>{children}</RouterContext.Provider>;
}

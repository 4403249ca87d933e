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

interface Router {
  handler: KeyHandler | null;
  holding: boolean;
  queue: Array<[string, Key]>;
}

const RouterContext = createContext<Router | null>(null);

/** Makes `handler` receive the keys while `active`. Call from the owning screen's render. */
export function useKeyHandler(handler: KeyHandler, active = true): void {
  const router = useContext(RouterContext);
  if (router && active) router.handler = handler;
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
  const router = useRef<Router>({ handler: null, holding: false, queue: [] }).current;
  useInput((input, key) => {
    if (router.holding) router.queue.push([input, key]);
    else router.handler?.(input, key);
  });
  return <RouterContext.Provider value={router}>{children}</RouterContext.Provider>;
}

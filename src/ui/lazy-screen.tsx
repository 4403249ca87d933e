/**
 * Screens other than the provider list are loaded when first shown, so
 * start-up evaluates only what the list draws (npm run bench: start-up
 * without the code cache). The first showing waits for the module (and for
 * what it needs first, e.g. the profile store) and then draws; keys typed
 * meanwhile are held by the key router, as on any screen change.
 */
import { createElement, useEffect, useState, type ComponentType } from 'react';
import { Text } from './widgets/safe-text.js';
import { useTheme } from './theme.js';
import { useHoldWhileLoading } from './key-router.js';

export type LazyScreen<P> = ComponentType<P> & {
  /** Loads the module now and, given the props it will show with, runs `before` for them (the screen a session starts on). */
  preload(props?: P): Promise<void>;
};

/**
 * `load` returns the component once its module is evaluated. `before`, when
 * given, runs before each showing until it has once succeeded for a given
 * key (its first argument's identity), e.g. loading the profile store.
 */
export function lazyScreen<P extends object>(
  load: () => Promise<ComponentType<P>>,
  before?: { key: (props: P) => object | undefined; run: (props: P) => Promise<void> },
): LazyScreen<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<void> | undefined;
  const done = new WeakSet<object>();
  const loadOnce = (): Promise<void> =>
    (loading ??= load().then((component) => {
      loaded = component;
    }));
  const prepareFor = async (props: P): Promise<void> => {
    const key = before?.key(props);
    if (key === undefined || done.has(key) || !before) return;
    // A failed `before` is not retried: the screen then shows the error its own calls meet.
    await before.run(props).catch(() => undefined);
    done.add(key);
  };
  const preload = async (props?: P): Promise<void> => {
    await Promise.all([loadOnce(), props ? prepareFor(props) : undefined]);
  };
  const readyFor = (props: P): boolean => {
    const key = before?.key(props);
    return loaded !== undefined && (key === undefined || done.has(key));
  };

  function Lazy(props: P) {
    const theme = useTheme();
    const [, setTick] = useState(0);
    const ready = readyFor(props);
    useHoldWhileLoading(!ready, (props as { active?: boolean }).active ?? true);
    // The props of the showing that found the screen not ready (a later render may pass new ones).
    const [first] = useState(props);
    useEffect(() => {
      if (ready) return;
      let alive = true;
      const redraw = (): void => void (alive && setTick((n) => n + 1));
      void preload(first).then(redraw, redraw);
      return () => {
        alive = false;
      };
    }, [ready, first]);
    if (!ready || !loaded) return <Text {...theme.muted}>loading…</Text>;
    return createElement(loaded, props);
  }
  return Object.assign(Lazy, { preload });
}

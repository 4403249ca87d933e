/** Lets a screen's state start over (switching gateways resets the provider list). Pure. */

export type ResetAction = { type: 'reset' };

/** Wraps `reducer` so a `{type:'reset'}` action returns `init(state)`. */
export function withReset<S, A>(reducer: (s: S, a: A) => S, init: (previous: S) => S): (s: S, a: A | ResetAction) => S {
  return (s, a) => ((a as ResetAction).type === 'reset' ? init(s) : reducer(s, a as A));
}

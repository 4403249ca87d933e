/** A cursor over a list and the window of rows around it: shared by every scrolling screen. */

export interface Windowed {
  cursor: number;
  scrollTop: number;
}

/** Cursor moves every list understands. */
export type CursorMove = { type: 'move'; delta: number } | { type: 'page'; direction: 1 | -1 } | { type: 'first' } | { type: 'last' };

/** The move a keymap command stands for (`up`, `down`, `pageUp`, `pageDown`, `first`, `last`). */
export function cursorMoveFor(command: string | undefined): CursorMove | undefined {
  switch (command) {
    case 'up': return { type: 'move', delta: -1 };
    case 'down': return { type: 'move', delta: 1 };
    case 'pageUp': return { type: 'page', direction: -1 };
    case 'pageDown': return { type: 'page', direction: 1 };
    case 'first': return { type: 'first' };
    case 'last': return { type: 'last' };
    default: return undefined;
  }
}

/**
 * The cursor step a keymap move command stands for on a list that clamps its cursor itself (first
 * and last are steps past either end); `page`: the rows a page moves.
 */
export function moveDelta(command: string | undefined, page: number): number | undefined {
  switch (command) {
    case 'up': return -1;
    case 'down': return 1;
    case 'pageUp': return -Math.max(1, page);
    case 'pageDown': return Math.max(1, page);
    case 'first': return -Infinity;
    case 'last': return Infinity;
    default: return undefined;
  }
}

/** Where a move puts the cursor (not yet clamped). */
export function moveTarget(cursor: number, move: CursorMove, count: number, viewport: number): number {
  switch (move.type) {
    case 'move': return cursor + move.delta;
    case 'page': return cursor + move.direction * Math.max(1, viewport - 1);
    case 'first': return 0;
    case 'last': return count - 1;
  }
}

/**
 * Clamps the cursor to the rows and scrolls the window just enough to show it.
 * Returns `s` itself when nothing changes, so a no-op key causes no render.
 */
export function settleWindow<S extends Windowed>(s: S, cursor: number, count: number, viewport: number): S {
  const c = Math.min(Math.max(0, cursor), Math.max(0, count - 1));
  let top = s.scrollTop;
  if (c < top) top = c;
  if (c >= top + viewport) top = c - viewport + 1;
  top = Math.min(Math.max(0, top), Math.max(0, count - viewport));
  return c === s.cursor && top === s.scrollTop ? s : { ...s, cursor: c, scrollTop: top };
}

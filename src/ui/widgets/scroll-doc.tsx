/** A scrolling block of pre-wrapped lines with a position line: the review, the conflict screen, the help. */
import { Box } from 'ink';
import { Text } from './safe-text.js';
import { useCallback, useRef, useState } from 'react';
import type { RoleStyle, Theme } from '../theme.js';
import { useTheme } from '../theme.js';
import { fit } from '../text.js';

/** Where the window over `total` lines of which `height` fit may start. */
export function clampTop(top: number, total: number, height: number): number {
  return Math.max(0, Math.min(top, total - height));
}

/** "lines 1-9 of 23 · more below (j/k PgDn G)"; empty when everything fits. */
export function positionText(top: number, shown: number, total: number): string {
  if (total <= shown) return '';
  const where = top + shown < total ? ' · more below' : ' · end';
  return `lines ${top + 1}-${top + shown} of ${total}${where} (j/k PgDn PgUp g G)`;
}

/** The new first line for a scroll command (keymap names: up, down, pageUp, pageDown, first, last). */
export function scrollTarget(command: string | undefined, top: number, height: number, total: number): number | undefined {
  const page = Math.max(1, height - 1);
  switch (command) {
    case 'up': return clampTop(top - 1, total, height);
    case 'down': return clampTop(top + 1, total, height);
    case 'pageUp': return clampTop(top - page, total, height);
    case 'pageDown': return clampTop(top + page, total, height);
    case 'first': return 0;
    case 'last': return clampTop(total, total, height);
    default: return undefined;
  }
}

/**
 * Scroll state of a document the screen shows; starts at the top again when `resetKey` changes.
 * The view reports its size during render, so a key handler can clamp without knowing the layout.
 */
export function useDocScroll(resetKey: unknown): {
  top: number;
  size: { current: { total: number; height: number } };
  /** Applies a scroll command; false when the command is not a scroll. */
  scroll: (command: string | undefined) => boolean;
} {
  const [top, setTop] = useState(0);
  const size = useRef({ total: 0, height: 1 });
  // Reset while rendering, not in an effect: an effect would run after a key already replayed into the
  // new document (`?` then `G` in one read) and undo it.
  const [shown, setShown] = useState(resetKey);
  if (shown !== resetKey) {
    setShown(resetKey);
    setTop(0);
  }
  const scroll = useCallback((command: string | undefined): boolean => {
    if (scrollTarget(command, 0, 1, 0) === undefined) return false;
    setTop((t) => scrollTarget(command, t, size.current.height, size.current.total) ?? t);
    return true;
  }, []);
  return { top, size, scroll };
}

export interface DocLineView {
  text: string;
  role?: keyof Omit<Theme, 'mono' | 'labelColor'>;
}

/** `height` lines of `lines` from `top`, the last one a position line when not everything fits. */
export function ScrollDoc({ lines, top, height, width, size }: {
  lines: readonly DocLineView[];
  top: number;
  height: number;
  width: number;
  size?: { current: { total: number; height: number } };
}) {
  const theme = useTheme();
  const fits = lines.length <= height;
  const room = fits ? height : Math.max(1, height - 1);
  if (size) size.current = { total: lines.length, height: room };
  const start = clampTop(top, lines.length, room);
  const shown = lines.slice(start, start + room);
  const style = (l: DocLineView): RoleStyle => (l.role ? theme[l.role] : {});
  return (
    <Box flexDirection="column" height={height}>
      {shown.map((l, i) => (
        <Text key={start + i} {...style(l)} wrap="truncate">{fit(l.text, width)}</Text>
      ))}
      {fits ? null : <Text {...theme.muted} wrap="truncate">{fit(`  ${positionText(start, shown.length, lines.length)}`, width)}</Text>}
    </Box>
  );
}

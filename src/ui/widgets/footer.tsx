/** Bottom line: key hints from the keymap table, or a message. */
import { memo } from 'react';
import { Box } from 'ink';
import { paint, Painted, Text } from './safe-text.js';
import { footerHints, type Scope } from '../keymap.js';
import { useTheme } from '../theme.js';

export interface FooterProps {
  scopes: readonly Scope[];
  width: number;
}

/**
 * One styled string (see `paint`), redrawn only when the scopes or the width change: the same hints
 * would otherwise be laid out, measured and drawn as some thirty text nodes on every key.
 */
export const Footer = memo(function Footer({ scopes, width }: FooterProps) {
  const theme = useTheme();
  const line = Painted.join(fitHints(footerHints(scopes), width).flatMap((h) => [paint(theme.key, h.keys), paint({}, ` ${h.label}  `)]));
  return (
    <Box width={width}>
      <Text>{line}</Text>
    </Box>
  );
}, (a, b) => a.width === b.width && a.scopes.length === b.scopes.length && a.scopes.every((s, i) => s === b.scopes[i]));

/**
 * The hints that fit in `width`, most important first (leaving, help, saving), shown in table order.
 * Less important hints are the ones dropped on a narrow terminal.
 */
export function fitHints<H extends { keys: string; label: string; rank: number }>(hints: readonly H[], width: number): H[] {
  const byRank = hints.map((h, i) => ({ h, i })).sort((a, b) => a.h.rank - b.h.rank || a.i - b.i);
  const keep = new Set<number>();
  let used = 0;
  for (const { h, i } of byRank) {
    const len = h.keys.length + 1 + h.label.length + 2;
    if (used + len > width) continue;
    keep.add(i);
    used += len;
  }
  return hints.filter((_, i) => keep.has(i));
}

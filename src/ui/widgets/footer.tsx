/** Bottom line: key hints from the keymap table, or a message. */
import { Box } from 'ink';
import { Text } from './safe-text.js';
import { footerHints, type Scope } from '../keymap.js';
import { useTheme } from '../theme.js';

export interface FooterProps {
  scopes: readonly Scope[];
  width: number;
}

export function Footer({ scopes, width }: FooterProps) {
  const theme = useTheme();
  const parts = fitHints(footerHints(scopes), width);
  return (
    <Box width={width}>
      {parts.map((h) => (
        <Text key={h.keys + h.label}>
          <Text {...theme.key}>{h.keys}</Text>
          <Text> {h.label}  </Text>
        </Text>
      ))}
    </Box>
  );
}

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

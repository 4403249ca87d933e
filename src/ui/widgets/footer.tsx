/** Bottom line: key hints from the keymap table, or a message. */
import { Box, Text } from 'ink';
import { footerHints, type Scope } from '../keymap.js';
import { useTheme } from '../theme.js';

export interface FooterProps {
  scopes: readonly Scope[];
  width: number;
}

export function Footer({ scopes, width }: FooterProps) {
  const theme = useTheme();
  const hints = footerHints(scopes);
  const parts: Array<{ keys: string; label: string }> = [];
  let used = 0;
  for (const h of hints) {
    const len = h.keys.length + 1 + h.label.length + 2;
    if (used + len > width) break;
    parts.push(h);
    used += len;
  }
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

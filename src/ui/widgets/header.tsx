/** Top line: app, profile label, where we are connected, and a right-aligned status. */
import { Box, Text } from 'ink';
import type { ConnectionInfo } from '../services.js';
import { useTheme } from '../theme.js';
import { fit } from '../text.js';

export interface HeaderProps {
  connection: ConnectionInfo;
  width: number;
  /** Right-hand text, e.g. "7 providers · refreshed 20s ago". */
  right?: string;
  /** Breadcrumb after the URL, e.g. "openai". */
  crumb?: string;
}

export function Header({ connection, width, right = '', crumb }: HeaderProps) {
  const theme = useTheme();
  const label = connection.label ?? connection.profile;
  const labelText = label ? ` ${label} ` : '';
  const ro = connection.readOnly ? ' [read-only]' : '';
  const left = ` ${connection.url} · auth ${connection.authMode}${ro}${crumb ? ` › ${crumb}` : ''}`;
  const used = 'bifrost-tui'.length + labelText.length + (labelText ? 1 : 0);
  const room = Math.max(0, width - used - 1);
  const rightText = right.length + 2 <= room / 2 ? right : '';
  const leftRoom = Math.max(0, room - rightText.length);
  return (
    <Box width={width}>
      <Text {...theme.title}>bifrost-tui</Text>
      {labelText ? <Text> </Text> : null}
      {labelText ? <Text {...theme.labelColor(connection.color)}>{labelText}</Text> : null}
      <Text>{fit(left, leftRoom)}</Text>
      <Text {...theme.muted}>{rightText}</Text>
    </Box>
  );
}

/** Top line: app, profile label, where we are connected, and a right-aligned status. */
import { Box, Text } from 'ink';
import type { ConnectionInfo } from '../services.js';
import { useTheme } from '../theme.js';
import { fit } from '../text.js';
import { printable } from '../../state/printable.js';
import { hideUrlUserinfo } from '../../api/secrets.js';

export interface HeaderProps {
  connection: ConnectionInfo;
  width: number;
  /** Right-hand text, e.g. "7 configured · refreshed 20s ago". */
  right?: string;
  /** Shorter variant used when `right` does not fit. */
  rightShort?: string;
  /** Breadcrumb after the URL, e.g. "openai". */
  crumb?: string;
}

export function Header({ connection, width, right = '', rightShort = '', crumb }: HeaderProps) {
  const theme = useTheme();
  const label = connection.label ?? connection.profile;
  const labelText = label ? ` ${printable(label)} ` : '';
  const ro = connection.readOnly ? ' [read-only]' : '';
  const left = ` ${hideUrlUserinfo(connection.url)} · auth ${connection.authMode}${crumb ? ` › ${crumb}` : ''}`;
  // The read-only marker is never cut: it is what stops a save on the wrong gateway.
  const used = 'bifrost-tui'.length + labelText.length + (labelText ? 1 : 0) + ro.length;
  const room = Math.max(0, width - used - 1);
  // The URL may be cut to make room for the status, but keeps at least MIN_LEFT columns.
  const MIN_LEFT = 24;
  const rightText = [right, rightShort].find((r) => r && room - r.length - 1 >= MIN_LEFT) ?? '';
  const leftRoom = Math.max(0, room - rightText.length - (rightText ? 1 : 0));
  return (
    <Box width={width}>
      <Text {...theme.title}>bifrost-tui</Text>
      {labelText ? <Text> </Text> : null}
      {labelText ? <Text {...theme.labelColor(connection.color)}>{labelText}</Text> : null}
      {ro ? <Text {...theme.warn}>{ro}</Text> : null}
      <Text>{fit(left, leftRoom)}</Text>
      <Text {...theme.muted}>{rightText ? ` ${rightText}` : ''}</Text>
    </Box>
  );
}

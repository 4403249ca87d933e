/** Top line: app, profile label, where we are connected, and a right-aligned status. */
import { memo } from 'react';
import { Box } from 'ink';
import { Text } from './safe-text.js';
import type { ConnectionInfo } from '../../connection/connection-info.js';
import { useTheme } from '../theme.js';
import { fit } from '../text.js';
import { printable } from '../../state/printable.js';
import { hideUrlUserinfo } from '../../api/secrets.js';
import { useGatewayVersionText } from '../gateway-version.js';

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

/** Redrawn only when one of its props changes (a cursor move changes none). */
export const Header = memo(function Header({ connection, width, right = '', rightShort = '', crumb }: HeaderProps) {
  const theme = useTheme();
  const label = connection.label ?? connection.profile;
  const labelText = label ? ` ${printable(label)} ` : '';
  const ro = connection.readOnly ? ' [read-only]' : '';
  const version = useGatewayVersionText(connection.gatewayKey);
  // The version before the auth mode: on a narrow terminal the end of this part is cut first.
  const left = ` ${hideUrlUserinfo(connection.url)}${version ? ` · gateway ${version}` : ''} · auth ${connection.authMode}`;
  // The read-only marker is never cut: it is what stops a save on the wrong gateway.
  const used = 'bifrost-tui'.length + labelText.length + (labelText ? 1 : 0) + ro.length;
  const room = Math.max(0, width - used - 1);
  // What survives a narrow terminal, in order: where we are (the crumb), the status (the long form only
  // while the URL keeps MIN_LEFT columns, else the short one), then the URL, which takes what is left.
  const crumbText = fit(crumb ? ` › ${crumb}` : '', Math.min(crumb ? crumb.length + 3 : 0, room), false);
  const rest = room - Array.from(crumbText).length;
  const MIN_LEFT = 24;
  const rightText = (right && rest - right.length - 1 >= MIN_LEFT ? right : '') || (rightShort && rest - rightShort.length - 1 >= 0 ? rightShort : '');
  const leftRoom = Math.max(0, rest - rightText.length - (rightText ? 1 : 0));
  return (
    <Box width={width}>
      <Text {...theme.title}>bifrost-tui</Text>
      {labelText ? <Text> </Text> : null}
      {labelText ? <Text {...theme.labelColor(connection.color)}>{labelText}</Text> : null}
      {ro ? <Text {...theme.warn}>{ro}</Text> : null}
      <Text>{fit(left, Math.min(leftRoom, Array.from(left).length), false)}</Text>
      <Text>{crumbText}</Text>
      <Text>{' '.repeat(Math.max(0, leftRoom - Array.from(left).length))}</Text>
      <Text {...theme.muted}>{rightText ? ` ${rightText}` : ''}</Text>
    </Box>
  );
});

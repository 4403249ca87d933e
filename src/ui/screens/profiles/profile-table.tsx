/** The stored profiles as a table, and the focused profile's details in one line. */
import { Box } from 'ink';
import { Text } from '../../widgets/safe-text.js';
import type { ProfilesState } from '../../../state/profiles/profiles-reducer.js';
import type { ProfilesService } from '../../services.js';
import type { Profile } from '../../../state/local-types.js';
import { useTheme } from '../../theme.js';
import { fit } from '../../text.js';
import { hideUrlUserinfo } from '../../../api/secrets.js';

interface Cols {
  name: number;
  label: number;
  auth: number;
  key: number;
  url: number;
}

function colsFor(width: number): Cols {
  const narrow = width < 80;
  const name = narrow ? 12 : 16;
  const label = narrow ? 7 : 9;
  const auth = 7;
  const key = narrow ? 0 : Math.min(28, Math.floor((width - 40) / 3));
  const url = Math.max(8, width - 4 - name - label - auth - key - 5);
  return { name, label, auth, key, url };
}

export function ProfileTable({ state, service, width, height, current }: { state: ProfilesState; service: ProfilesService; width: number; height: number; current?: string }) {
  const theme = useTheme();
  const cols = colsFor(width);
  const top = Math.max(0, Math.min(state.cursor - height + 2, state.profiles.length - height + 1));
  const rows = state.profiles.slice(top, top + Math.max(0, height - 1));
  return (
    <Box flexDirection="column" height={height}>
      <Text {...theme.muted} wrap="truncate">
        {'    '}{fit('NAME', cols.name)} {fit('LABEL', cols.label)} {fit('AUTH', cols.auth)} {fit('URL', cols.url)}
        {cols.key ? ` ${fit('KEY', cols.key)}` : ''}
      </Text>
      {state.profiles.length === 0 ? (
        <Text {...theme.muted}>{fit('  No profiles yet. Press a to add one.', width)}</Text>
      ) : null}
      {rows.map((p, i) => (
        <ProfileRow key={p.name} profile={p} cols={cols} service={service}
          focused={top + i === state.cursor} isDefault={p.name === state.defaultName} isCurrent={p.name === current} />
      ))}
    </Box>
  );
}

function ProfileRow({ profile: p, cols, service, focused, isDefault, isCurrent }: { profile: Profile; cols: Cols; service: ProfilesService; focused: boolean; isDefault: boolean; isCurrent: boolean }) {
  const theme = useTheme();
  const line = focused ? theme.selected : {};
  return (
    <Text wrap="truncate">
      <Text {...line} {...(focused ? theme.focus : {})}>{focused ? '›' : ' '}</Text>
      <Text {...line} {...theme.accent}>{isDefault ? '*' : ' '}</Text>
      <Text {...line} {...theme.ok}>{isCurrent ? '●' : ' '} </Text>
      <Text {...line}>{fit(p.name, cols.name)} </Text>
      {p.label ? <Text {...theme.labelColor(p.color)}>{fit(p.label, cols.label)}</Text> : <Text {...line}>{fit('', cols.label)}</Text>}
      <Text {...line}> {fit(p.auth, cols.auth)} </Text>
      <Text {...line}>{fit(hideUrlUserinfo(p.url), cols.url)}</Text>
      {cols.key ? <Text {...line} {...theme.muted}> {fit(p.auth === 'none' ? '' : service.describeSecret(p.secret), cols.key)}</Text> : null}
    </Text>
  );
}

/** Everything about the focused profile that the row does not show, plus the reveal result. */
export function profileDetail(state: ProfilesState, service: ProfilesService): string {
  const p = state.profiles[state.cursor];
  if (!p) return '';
  const parts = [p.name === state.defaultName ? `${p.name} (default)` : p.name, hideUrlUserinfo(p.url), `auth ${p.auth}`];
  if (p.auth === 'basic') parts.push(`user ${p.username ?? '?'}`);
  if (p.auth !== 'none') {
    const tail = state.reveal?.name === p.name ? ` ${state.reveal.text}` : '';
    parts.push(`key ${service.describeSecret(p.secret)}${tail}`);
  }
  if (p.readOnly) parts.push('read-only');
  if (p.caFile) parts.push(`CA ${p.caFile}`);
  if (p.insecure) parts.push('insecure TLS');
  if (p.timeoutMs) parts.push(`timeout ${p.timeoutMs} ms`);
  return parts.join(' · ');
}

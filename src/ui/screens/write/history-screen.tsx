/**
 * `H`: a provider's saved versions (the local history `providers history`
 * lists: one taken before every write), newest first, each with how far it
 * is from the gateway's copy now; Enter restores one through the write
 * pipeline (review, y, re-read, backup, write).
 */
import { Box } from 'ink';
import { useMemo, useState } from 'react';
import { rerunLineOn } from '../../../connection/connection-info.js';
import { Text } from '../../widgets/safe-text.js';
import { errorMessage } from '../../../api/api-error.js';
import type { HistoryEntry } from '../../../state/local-types.js';
import { differsFromNow, restorePlan } from '../../../state/write-flow/restore-plan.js';
import { commandFor } from '../../keymap.js';
import { moveDelta } from '../../../state/cursor-window.js';
import { useSyncReducer } from '../../use-sync-reducer.js';
import { useKeyHandler } from '../../key-router.js';
import type { Services } from '../../services.js';
import { useTheme } from '../../theme.js';
import { fit } from '../../text.js';
import { Footer } from '../../widgets/footer.js';
import { Header } from '../../widgets/header.js';
import { Waiting } from './delete-screen.js';
import { useProviderRead } from './use-provider-read.js';
import { WriteFlow } from './write-flow.js';
import type { ProviderScreenProps } from './provider-screen-props.js';

export interface HistoryScreenProps extends ProviderScreenProps {
  onBack: () => void;
}

function loadEntries(services: Services, name: string): { entries: HistoryEntry[]; note?: string } {
  const list = services.history?.list;
  if (!list) return { entries: [], note: 'no local history here' };
  try {
    const { entries, skipped } = list(services.session.connection.gatewayKey, name);
    return { entries, ...(skipped > 0 ? { note: `${skipped} saved version${skipped === 1 ? '' : 's'} could not be read (left on disk; \`${rerunLineOn(services.session.connection, ['providers', 'history', name])}\` names them)` } : {}) };
  } catch (err) {
    return { entries: [], note: errorMessage(err) };
  }
}

/** The cursor, read through getCursor so keys of one burst (j then Enter) see where the previous one left it. */
const replaceCursor = (_: number, next: number): number => next;

export function HistoryScreen(props: HistoryScreenProps) {
  const { services, name, width, height } = props;
  const theme = useTheme();
  const [loaded, setLoaded] = useState(() => loadEntries(services, name));
  const [cursor, setCursor, getCursor] = useSyncReducer(replaceCursor, () => 0);
  const [restoring, setRestoring] = useState<HistoryEntry | undefined>(undefined);
  const { read, again } = useProviderRead(services, name);
  const current = read.kind === 'ready' ? read.provider : undefined;
  const counts = useMemo(() => loaded.entries.map((e) => (current === undefined ? undefined : differsFromNow(e.object, current))), [loaded, current]);

  const listRows = Math.max(1, height - 6);
  useKeyHandler((input, key) => {
    const command = commandFor(['history', 'global'], input, key);
    const last = loaded.entries.length - 1;
    switch (command) {
      case 'up': case 'down': case 'pageUp': case 'pageDown': case 'first': case 'last': {
        const delta = moveDelta(command, listRows);
        return setCursor(Math.max(0, Math.min(last, getCursor() + (delta ?? 0))));
      }
      case 'restore': {
        const entry = loaded.entries[getCursor()];
        if (entry) setRestoring(entry);
        return;
      }
      case 'back': return props.onBack();
      case 'help': return props.onHelp(['history', 'global']);
      case 'forceQuit': return props.onQuit();
    }
  }, props.active && !restoring);

  if (restoring) {
    return (
      <RestoreFlow {...props} entry={restoring} onDone={(written) => {
        setRestoring(undefined);
        if (written) {
          setLoaded(loadEntries(services, name));
          setCursor(0);
        }
        again();
      }} />
    );
  }
  const top = Math.max(0, Math.min(cursor - Math.floor(listRows / 2), loaded.entries.length - listRows));
  const where = services.session.connection.profile ?? services.session.connection.url;
  const describe = (i: number): string => {
    const n = counts[i];
    if (n === -1) return 'did not exist then: restore deletes it';
    if (n === undefined) return '';
    if (current === null) return 'gone now: restore creates it again';
    return n === 0 ? 'the same as now' : `${n} field${n === 1 ? '' : 's'} differ${n === 1 ? 's' : ''} from now`;
  };
  return (
    <Box flexDirection="column" width={width} height={height - 1}>
      <Header connection={services.session.connection} width={width} crumb={`${name} › history`} right={`${loaded.entries.length} saved`} rightShort={`${loaded.entries.length}`} />
      <Text {...theme.title} wrap="truncate">{fit(`Saved versions of ${name} on ${where} (before each write); Enter restores one`, width)}</Text>
      <Box flexDirection="column" height={listRows}>
        {loaded.entries.length === 0 ? <Text {...theme.muted}>{fit(`  no saved versions of ${name} for this gateway`, width)}</Text> : null}
        {loaded.entries.slice(top, top + listRows).map((e, j) => {
          const i = top + j;
          const focused = i === cursor;
          return (
            <Text key={e.id} wrap="truncate" {...(focused ? theme.focus : {})}>
              {fit(`${focused ? '›' : ' '}${e.id}  ${e.at.replace('T', ' ').slice(0, 16)}  ${describe(i)}`, width)}
            </Text>
          );
        })}
      </Box>
      <Text {...(read.kind === 'failed' ? theme.error : theme.muted)} wrap="truncate">{fit(read.kind === 'failed' ? `✖ could not read ${name} now: ${read.message}` : loaded.note ?? '', width)}</Text>
      <Text> </Text>
      <Footer scopes={['history', 'global']} width={width} />
    </Box>
  );
}

/** Enter on a version: read the provider again, plan the restore on that copy, and hand it to the pipeline. */
function RestoreFlow(props: HistoryScreenProps & { entry: HistoryEntry; onDone: (written: boolean) => void }) {
  const { services, name, entry } = props;
  const { read } = useProviderRead(services, name);
  const where = services.session.connection.profile ?? services.session.connection.url;
  if (read.kind !== 'ready') {
    return <Waiting {...props} text={read.kind === 'loading' ? `reading ${name}…` : `✖ ${read.message}`} error={read.kind === 'failed'} onBack={props.onDone} />;
  }
  const planned = restorePlan(name, entry.object, read.provider);
  if (planned.kind === 'nothing') return <Waiting {...props} text={planned.why} onBack={props.onDone} />;
  const at = entry.at.replace('T', ' ').slice(0, 19);
  const intro = planned.what === 'delete'
    ? [`This version was saved before ${name} was created: restoring it deletes ${name} (its settings are kept in the history first).`]
    : planned.what === 'create'
      ? [`${name} is not on the gateway now: restoring creates it (POST) with the saved settings. Masked secrets cannot be sent: they are left out, set them again afterwards.`]
      : [`Every writable field becomes the saved one; a secret changed on the gateway since cannot be restored from its mask and is kept.`];
  return (
    <WriteFlow
      services={services} name={name} width={props.width} height={props.height} active={props.active}
      plan={planned.plan} current={read.provider}
      title={`Restore ${name} on ${where} to ${entry.id} (${at})`}
      intro={intro}
      yes={planned.what === 'delete' ? `y deletes ${name}` : planned.what === 'create' ? `y creates ${name}` : `y restores ${name}`}
      doneText={planned.what === 'delete' ? `deleted ${name} (it did not exist before ${entry.id})` : `restored ${name} to ${entry.id}${planned.what === 'create' ? ' (created it)' : ''}`}
      undo={(backup) => `Enter on ${backup} in this list puts it back`}
      onExit={props.onDone} onQuit={props.onQuit} onHelp={props.onHelp}
    />
  );
}

/** The fleet screen: providers x gateways, `=` / `≈` / `≠ N` / `-` / `?` cells filling in as gateways answer. */
import { Box } from 'ink';
import { Text } from '../../widgets/safe-text.js';
import { cellText, type FleetRow } from '../../../state/fleet/fleet-compare.js';
import { cellFields, fleetReducer, reviewLines, initialFleetState, type FleetState } from '../../../state/fleet/fleet-reducer.js';
import { formatDiffValue } from '../../../state/provider/diff.js';
import { commandFor } from '../../keymap.js';
import { useKeyHandler } from '../../key-router.js';
import type { Services, Session } from '../../services.js';
import { useTheme } from '../../theme.js';
import { fit } from '../../text.js';
import { useSyncReducer } from '../../use-sync-reducer.js';
import { Footer } from '../../widgets/footer.js';
import { Header } from '../../widgets/header.js';
import { useFleetController } from './use-fleet-controller.js';

export interface FleetScreenProps {
  services: Services;
  width: number;
  height: number;
  active: boolean;
  onBack: () => void;
  onQuit: () => void;
  onHelp: (cell: boolean) => void;
  /** Opens the target's form with the prepared draft (its review and conflict screens do the save). */
  onPush: (session: Session, name: string) => void;
}

/** Rows above and below the grid: header, title, column names, message, footer. */
const CHROME = 5;

export function FleetScreen(props: FleetScreenProps) {
  const { services, width, height } = props;
  const [state, dispatch, getState] = useSyncReducer(fleetReducer, () => initialFleetState);
  const ctl = useFleetController(services, dispatch, getState);

  useKeyHandler((input, key) => {
    const s = getState();
    if (s.review) {
      const answer = commandFor(['confirm', 'global'], input, key);
      if (answer === 'yes') return ctl.confirm();
      if (answer === 'no') return dispatch({ type: 'reviewClosed' });
      if (answer === 'forceQuit') return props.onQuit();
      return;
    }
    const scope = s.cell ? 'fleetCell' : 'fleet';
    const command = commandFor([scope, 'global'], input, key);
    switch (command) {
      case 'up': return dispatch({ type: 'move', rows: -1 });
      case 'down': return dispatch({ type: 'move', rows: 1 });
      case 'left': return dispatch({ type: 'move', cols: -1 });
      case 'right': return dispatch({ type: 'move', cols: 1 });
      case 'open': return dispatch({ type: 'open' });
      case 'mark': return dispatch({ type: 'mark' });
      case 'push': return ctl.push('toCell', props.onPush);
      case 'pushBack': return ctl.push('toReference', props.onPush);
      case 'refresh': return ctl.reload();
      case 'help': return props.onHelp(Boolean(s.cell));
      case 'forceQuit': return props.onQuit();
      case 'back': return s.cell ? dispatch({ type: 'close' }) : props.onBack();
    }
  }, props.active);

  const ready = state.columns.filter((c) => c.state.kind !== 'loading').length;
  const right = `${state.rows.length} providers · ${ready}/${state.columns.length} gateways answered`;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Header connection={services.session.connection} width={width} crumb="fleet" right={right} rightShort={`${ready}/${state.columns.length} answered`} />
      {state.review ? <Review state={state} width={width} height={height - CHROME} />
        : state.cell ? <CellDiff state={state} width={width} height={height - CHROME} /> : <Grid state={state} width={width} height={height - CHROME} />}
      <Message state={state} width={width} />
      <Footer scopes={[state.review ? 'confirm' : state.cell ? 'fleetCell' : 'fleet', 'global']} width={width} />
    </Box>
  );
}

function layout(width: number, columns: number): { nameW: number; cellW: number } {
  const cellW = Math.max(5, Math.min(14, Math.floor((width - 12) / Math.max(1, columns))));
  return { nameW: Math.max(8, Math.min(28, width - cellW * columns - 1)), cellW };
}

function Grid({ state, width, height }: { state: FleetState; width: number; height: number }) {
  const theme = useTheme();
  const { nameW, cellW } = layout(width, state.columns.length);
  const top = Math.max(0, Math.min(state.row - Math.floor(height / 2), state.rows.length - height));
  const visible = state.rows.slice(top, top + height);
  return (
    <Box flexDirection="column" height={height + 2}>
      <Text {...theme.muted} wrap="truncate">{fit('Cells compare with the first gateway: = same, ≈ same but a secret\'s masks (cannot be verified), ≠ N fields differ, - not configured, ? unreachable, … waiting', width)}</Text>
      <Text {...theme.title} wrap="truncate">
        {fit('PROVIDER', nameW)}
        {state.columns.map((c) => fit(` ${c.profile}`, cellW)).join('')}
      </Text>
      {visible.map((row, i) => (
        <GridRow key={row.name} row={row} focused={top + i === state.row} col={state.col} nameW={nameW} cellW={cellW} />
      ))}
    </Box>
  );
}

function GridRow({ row, focused, col, nameW, cellW }: { row: FleetRow; focused: boolean; col: number; nameW: number; cellW: number }) {
  const theme = useTheme();
  return (
    <Text wrap="truncate">
      <Text {...(focused ? theme.focus : {})}>{fit(`${focused ? '›' : ' '}${row.name}`, nameW)}</Text>
      {row.cells.map((cell, i) => {
        const role = cell.kind === 'differs' || cell.kind === 'missing' ? theme.warn : cell.kind === 'unreachable' ? theme.error : cell.kind === 'loading' ? theme.muted : theme.ok;
        const here = focused && i === col;
        return <Text key={i} {...role} inverse={here}>{fit(` ${cellText(cell)}`, cellW)}</Text>;
      })}
    </Text>
  );
}

function CellDiff({ state, width, height }: { state: FleetState; width: number; height: number }) {
  const theme = useTheme();
  const cell = state.cell!;
  const row = state.rows.find((r) => r.name === cell.name);
  if (!row) return <Box height={height + 2} />;
  const fields = cellFields(row, cell.col);
  const from = state.columns[row.reference]!.profile;
  const to = state.columns[cell.col]!.profile;
  const valueW = Math.max(8, Math.floor((width - 4) / 4));
  const pathW = width - 4 - valueW * 2;
  const top = Math.max(0, Math.min(cell.cursor - Math.floor(height / 2), fields.length - height));
  return (
    <Box flexDirection="column" height={height + 2}>
      <Text {...theme.title} wrap="truncate">{fit(`${row.name}: ${fields.length} field${fields.length === 1 ? ' differs' : 's differ'} · p ${from}→${to} · P ${to}→${from}${cell.marked.length > 0 ? ` · ${cell.marked.length} marked` : ''}`, width)}</Text>
      <Text {...theme.muted} wrap="truncate">{fit(`    ${fit('FIELD', pathW)}${fit(from, valueW)}${fit(to, valueW)}`, width)}</Text>
      {fields.slice(top, top + height).map((f, i) => {
        const focused = top + i === cell.cursor;
        const value = (col: number): string => (f.values[col]!.present ? formatDiffValue(f.segments, f.values[col]!.value) : '(default)');
        return (
          <Text key={f.path} wrap="truncate" {...(focused ? theme.focus : {})}>
            {`${focused ? '›' : ' '}${cell.marked.includes(f.path) ? '[x]' : '[ ]'}`}
            {fit(f.path, pathW - 1)} {fit(value(row.reference), valueW - 1)} {fit(value(cell.col), valueW)}
          </Text>
        );
      })}
    </Box>
  );
}

/** A direct push (fields the editor does not edit, or a create): every change, then y/n. */
function Review({ state, width, height }: { state: FleetState; width: number; height: number }) {
  const theme = useTheme();
  const { profile, plan } = state.review!;
  const lines = reviewLines(profile, plan);
  const room = height + 1;
  const shown = lines.length > room ? [...lines.slice(0, room - 1), `  … ${lines.length - room + 1} more`] : lines;
  return (
    <Box flexDirection="column" height={height + 2}>
      {shown.map((l, i) => <Text key={i} wrap="truncate" {...(i === 0 ? theme.title : {})}>{fit(l, width)}</Text>)}
      <Text {...(plan.errors.length > 0 ? theme.error : theme.warn)} wrap="truncate">{fit(plan.errors.length > 0 ? 'Invalid: y will not write it.' : `Write it to ${profile}? (y/n)`, width)}</Text>
    </Box>
  );
}

function Message({ state, width }: { state: FleetState; width: number }) {
  const theme = useTheme();
  return <Text {...(state.message ? theme[state.message.role] : {})} wrap="truncate">{fit(state.message?.text ?? '', width)}</Text>;
}

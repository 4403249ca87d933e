/** The key/value editor of a map field, or of a list of names (`map.list`: no values). */
import { Box } from 'ink';
import { Text } from '../../widgets/safe-text.js';
import type { MapEditorState } from '../../../state/editors/map-editor.js';
import { isSecretName, maskSecret } from '../../../api/secrets.js';
import { useTheme } from '../../theme.js';
import { fit } from '../../text.js';
import { EditorText } from './form-rows.js';

export function MapEditorView({ map, title, height, width, secretValues }: { map: MapEditorState; title: string; height: number; width: number; secretValues: boolean }) {
  const theme = useTheme();
  const keyWidth = Math.min(32, Math.floor(width / 3));
  const rows = map.entries.length + 1;
  // Title, column labels, and the error line.
  const view = Math.max(1, height - 3);
  const top = Math.max(0, Math.min(map.cursor - view + 1, rows - view));
  const items = Array.from({ length: rows }, (_, i) => i).slice(top, top + view);
  const ed = map.editing;
  return (
    <Box flexDirection="column" height={height}>
      <Text {...theme.title}>{fit(`${title} · ${map.entries.length} entr${map.entries.length === 1 ? 'y' : 'ies'}`, width)}</Text>
      <Text {...theme.muted} wrap="truncate">{map.list ? '  NAME' : `  ${fit('KEY', keyWidth)}   VALUE`}</Text>
      {items.map((i) => {
        const focused = i === map.cursor;
        const sel = focused ? theme.selected : {};
        const entry = map.entries[i];
        const marker = focused ? '› ' : '  ';
        if (!entry && !(ed && ed.index === i)) return <Text key="add" {...sel} {...theme.muted}>{fit(`${marker}+ add entry (a)`, width)}</Text>;
        const key = entry?.key ?? '';
        const value = entry?.value ?? '';
        const editingKey = ed && ed.index === i && ed.part === 'key';
        const editingValue = ed && ed.index === i && ed.part === 'value';
        if (map.list) {
          return (
            <Text key={`e${i}`} wrap="truncate">
              <Text {...sel}>{marker}</Text>
              {editingKey ? <EditorText editor={ed.editor} secret={false} width={width - 3} /> : <Text {...sel}>{fit(key, width - 3)}</Text>}
            </Text>
          );
        }
        const shown = typeof value === 'boolean' ? (value ? 'on' : 'off') : secretValues && isSecretName(key) ? maskSecret(value) : value;
        return (
          <Text key={`e${i}`} wrap="truncate">
            <Text {...sel}>{marker}</Text>
            {editingKey ? <EditorText editor={ed.editor} secret={false} width={keyWidth} /> : <Text {...sel}>{fit(key, keyWidth)}</Text>}
            <Text> = </Text>
            {editingValue ? (
              <EditorText editor={ed.editor} secret={secretValues && isSecretName(key)} width={width - keyWidth - 6} />
            ) : editingKey && !entry ? (
              <Text {...theme.muted}>{fit('the value comes after Enter', width - keyWidth - 6)}</Text>
            ) : (
              <Text>{fit(editingKey ? '' : shown, width - keyWidth - 6)}</Text>
            )}
          </Text>
        );
      })}
      {map.error ? <Text {...theme.error}>{fit(`✖ ${map.error}`, width)}</Text> : null}
    </Box>
  );
}

/** The profile form: one line per visible field, a window around the focus, and the focused field's help. */
import { Box } from 'ink';
import { Text } from '../../widgets/safe-text.js';
import {
  profileFieldText, FIELD_DEFS, focusedProfileField, isSecretField, keepsStoredKey, keyFieldLabel, keyIsMasked, visibleFields, type ProfileFormState,
} from '../../../state/profiles/profile-form.js';
import { useTheme } from '../../theme.js';
import { fit, wrapWords } from '../../text.js';

const LABEL_WIDTH = 16;

export interface ProfileFormViewProps {
  form: ProfileFormState;
  width: number;
  /** Lines available for the fields and the help line. */
  height: number;
  /** False while a request runs: no cursor. */
  editable?: boolean;
}

export function ProfileFormView({ form, width, height, editable = true }: ProfileFormViewProps) {
  const theme = useTheme();
  const ids = visibleFields(form);
  // The focused field's error in full (the row has room for only part of it), else its help.
  const focusedError = form.errors[ids[Math.min(form.focus, ids.length - 1)]!];
  const field = focusedProfileField(form);
  const masked = isSecretField(field.id) && keyIsMasked(form, field.id) ? ` · typed ${field.id === 'keyValue' ? 'keys' : 'tokens'} are masked` : '';
  const bottom = focusedError ? wrapWords(`✖ ${focusedError}`, width, 3) : undefined;
  const view = Math.max(1, height - (bottom?.length ?? 1));
  const focus = Math.min(form.focus, ids.length - 1);
  const top = Math.max(0, Math.min(focus - Math.floor(view / 2), ids.length - view));
  const shown = ids.slice(top, top + view);
  const more = ids.length > view ? ` (${focus + 1}/${ids.length})` : '';
  return (
    <Box flexDirection="column" width={width} height={height}>
      {shown.map((id, i) => {
        const def = FIELD_DEFS[id];
        const focused = top + i === focus;
        const label = isSecretField(id) ? keyFieldLabel(form, id) : def.label;
        const value = profileFieldText(form, id);
        const placeholder = isSecretField(id) && keepsStoredKey(form, id);
        const cursor = focused && editable && def.kind === 'text' ? '▏' : '';
        const choice = def.kind === 'choice' ? `‹ ${value} ›` : value;
        const error = form.errors[id];
        const room = Math.max(4, width - 2 - LABEL_WIDTH - (error ? Math.min(36, error.length + 3) : 0));
        return (
          <Text key={id} wrap="truncate">
            <Text {...(focused ? theme.focus : {})}>{focused ? '› ' : '  '}</Text>
            <Text {...(focused ? theme.title : theme.muted)}>{fit(label, LABEL_WIDTH)}</Text>
            <Text {...(placeholder ? theme.muted : {})}>{fit(choice + cursor, room, Boolean(error))}</Text>
            {error ? <Text {...theme.error}>{fit(` ✖ ${error}`, width - 2 - LABEL_WIDTH - room, false)}</Text> : null}
          </Text>
        );
      })}
      {bottom ? (
        bottom.map((line, i) => <Text key={`e${i}`} {...theme.error} wrap="truncate">{line}</Text>)
      ) : (
        <Text {...theme.muted} wrap="truncate">{fit(`${field.help}${masked}${more}`, width)}</Text>
      )}
    </Box>
  );
}

/**
 * `n` on the list: a new provider. A built-in name the gateway lacks opens
 * its form as new; any other name is a custom provider, whose base type is
 * picked next. The form's save creates it (one POST through the write
 * pipeline, never an upsert PUT).
 */
import { Box } from 'ink';
import { Text } from '../../widgets/safe-text.js';
import { providerNameProblem } from '../../../api/provider-name.js';
import { editLine, lineEditor, type LineEditor } from '../../../state/editors/line-editor.js';
import { CUSTOM_BASE_TYPES, isBuiltinName } from '../../../state/provider/provider-catalog.js';
import { commandFor, type Scope } from '../../keymap.js';
import { useSyncReducer } from '../../use-sync-reducer.js';
import { moveDelta } from '../../../state/cursor-window.js';
import { useKeyHandler } from '../../key-router.js';
import type { Services } from '../../services.js';
import { useTheme } from '../../theme.js';
import { fit } from '../../text.js';
import { Footer } from '../../widgets/footer.js';
import { Header } from '../../widgets/header.js';
import { EditorText } from '../form/form-rows.js';
import { lineEditFor } from '../../line-edit-keys.js';

export interface NewProviderScreenProps {
  services: Services;
  /** The names the gateway has (the list's). */
  configured: readonly string[];
  width: number;
  height: number;
  active: boolean;
  /** Opens the new provider's form: a built-in (no base), or a custom one with its base type. */
  onCreate: (name: string, base?: string) => void;
  onOpen: (name: string) => void;
  /** A name with saved versions (a provider deleted here): its history, to restore one. */
  onHistory: (name: string) => void;
  onBack: () => void;
  onQuit: () => void;
  onHelp: (scopes: readonly Scope[]) => void;
}

type Step =
  | { kind: 'name'; editor: LineEditor; error?: string }
  /** The name has saved versions here (it was deleted): restore one, or go on with a new one. */
  | { kind: 'known'; name: string; versions: number }
  | { kind: 'base'; name: string; cursor: number };

const scopesOf = (step: Step): Scope[] => (step.kind === 'name' ? ['newProvider'] : [step.kind === 'base' ? 'newProviderBase' : 'newProviderKnown', 'global']);

/** Each key replaces the step; read through getStep so keys of one burst see the step the previous one left. */
const replaceStep = (_: Step, next: Step): Step => next;

export function NewProviderScreen(props: NewProviderScreenProps) {
  const { width, height } = props;
  const theme = useTheme();
  const [step, setStep, getStep] = useSyncReducer(replaceStep, (): Step => ({ kind: 'name', editor: lineEditor('') }));

  const savedVersions = (name: string): number => {
    try {
      return props.services.history?.list?.(props.services.session.connection.gatewayKey, name).entries.length ?? 0;
    } catch {
      return 0;
    }
  };
  const create = (name: string): void => (isBuiltinName(name) ? props.onCreate(name) : setStep({ kind: 'base', name, cursor: 0 }));
  const next = (): void => {
    const step = getStep();
    if (step.kind === 'base') return props.onCreate(step.name, CUSTOM_BASE_TYPES[step.cursor]);
    if (step.kind === 'known') return create(step.name);
    const name = step.editor.text.trim();
    const problem = name === '' ? 'type a name' : providerNameProblem(name) ?? (/\s/.test(name) ? 'a provider name has no spaces' : undefined);
    if (problem) return setStep({ ...step, error: problem });
    if (props.configured.includes(name)) return props.onOpen(name);
    const versions = savedVersions(name);
    if (versions > 0) return setStep({ kind: 'known', name, versions });
    create(name);
  };

  const scopes = scopesOf(step);
  const baseRows = Math.max(1, height - 5);
  useKeyHandler((input, key) => {
    const step = getStep();
    const scopes = scopesOf(step);
    const command = commandFor(scopes, input, key);
    if (command === 'cancel') return props.onBack();
    if (command === 'back') return setStep({ kind: 'name', editor: lineEditor(step.kind === 'name' ? step.editor.text : step.name) });
    if (command === 'next') return next();
    if (command === 'help') return props.onHelp(scopes);
    if (command === 'forceQuit') return props.onQuit();
    if (step.kind === 'known') {
      if (command === 'history') return props.onHistory(step.name);
      return;
    }
    if (step.kind === 'base') {
      const delta = moveDelta(command, baseRows);
      if (delta !== undefined) setStep({ ...step, cursor: Math.max(0, Math.min(CUSTOM_BASE_TYPES.length - 1, step.cursor + delta)) });
      return;
    }
    // While the name is typed, j, k and H are letters.
    const op = lineEditFor(input, key);
    if (op) setStep({ kind: 'name', editor: editLine(step.editor, op) });
  }, props.active, { acceptsText: () => getStep().kind === 'name' });

  const builtin = step.kind === 'name' && isBuiltinName(step.editor.text.trim());
  return (
    <Box flexDirection="column" width={width} height={height - 1}>
      <Header connection={props.services.session.connection} width={width} crumb="new provider" />
      <Box flexDirection="column" height={Math.max(1, height - 3)}>
        {step.kind === 'name' ? (
          <>
            <Text {...theme.title} wrap="truncate">{fit('New provider: a built-in name (openai, groq, ...) not configured yet, or any other name for a custom provider', width)}</Text>
            <Text wrap="truncate">
              <Text {...theme.muted}>name: </Text>
              <EditorText editor={step.editor} secret={false} width={Math.max(4, width - 8)} />
            </Text>
            <Text {...(step.error ? theme.error : theme.muted)} wrap="truncate">
              {fit(step.error ?? (builtin ? 'a built-in: Enter opens its form, ^S there creates it' : step.editor.text.trim() ? 'a custom provider: Enter picks its base type' : ''), width)}
            </Text>
          </>
        ) : step.kind === 'known' ? (
          <>
            <Text {...theme.warn} wrap="truncate">{fit(`${step.name} is not on the gateway, but ${step.versions} saved version${step.versions === 1 ? ' is' : 's are'} kept here (deleted?)`, width)}</Text>
            <Text wrap="truncate">{fit('H restores one of them · Enter sets it up as a new provider · Esc back to the name', width)}</Text>
          </>
        ) : (
          <>
            <Text {...theme.title} wrap="truncate">{fit(`Custom provider ${step.name}: the API it speaks (fixed once created)`, width)}</Text>
            {CUSTOM_BASE_TYPES.map((t, i) => (
              <Text key={t} wrap="truncate" {...(i === step.cursor ? theme.focus : {})}>{fit(`${i === step.cursor ? '›' : ' '} ${t}`, width)}</Text>
            ))}
            <Text {...theme.muted} wrap="truncate">{fit('Enter opens its form (set its base URL there); ^S there creates it · Esc back to the name', width)}</Text>
          </>
        )}
      </Box>
      <Footer scopes={scopes} width={width} />
    </Box>
  );
}

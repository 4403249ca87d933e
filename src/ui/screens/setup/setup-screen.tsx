/** First run: a short profile form; the connection is tested before the profile is saved, then the list opens. */
import { Box } from 'ink';
import { Text } from '../../widgets/safe-text.js';
import { useEffect, useRef } from 'react';
import { acceptsText, formToProfile, validateProfileForm } from '../../../state/profiles/profile-form.js';
import { initialSetupState, setupBusy, setupReducer } from '../../../state/profiles/setup-reducer.js';
import { useKeyHandler } from '../../key-router.js';
import type { Services, Session } from '../../services.js';
import { useTheme } from '../../theme.js';
import { fit, wrapWords } from '../../text.js';
import { useSyncReducer } from '../../use-sync-reducer.js';
import { Footer } from '../../widgets/footer.js';
import { formKey } from '../profiles/profile-form-keys.js';
import { ProfileFormView } from '../profiles/profile-form-view.js';
import { oneLine } from '../profiles/use-profiles-controller.js';

export interface SetupScreenProps {
  services: Services;
  width: number;
  height: number;
  active: boolean;
  /** Setup saved a profile and connected. */
  onDone: (session: Session) => void;
  /** Esc or Ctrl+C: leave without saving. */
  onQuit: () => void;
}

export function SetupScreen({ services, width, height, active, onDone, onQuit }: SetupScreenProps) {
  const theme = useTheme();
  const [state, dispatch, getState] = useSyncReducer(setupReducer, initialSetupState);
  const alive = useRef(true);
  useEffect(() => () => void (alive.current = false), []);
  const service = services.profiles;

  const submit = async (): Promise<void> => {
    const s = getState();
    if (setupBusy(s) || !service) return;
    let taken: string[];
    try {
      taken = service.list().map((p) => p.name);
    } catch (err) {
      return dispatch({ type: 'save-failed', message: oneLine(err) });
    }
    const errors = validateProfileForm(s.form, taken);
    if (Object.keys(errors).length > 0) return dispatch({ type: 'errors', errors });
    const profile = formToProfile(s.form);
    dispatch({ type: 'test-started' });
    const result = await service.test(profile);
    if (!alive.current) return;
    if (!result.ok) return dispatch({ type: 'test-failed', message: result.message });
    dispatch({ type: 'saving', message: `${result.message}; saving profile ${profile.name}` });
    try {
      service.upsert(profile);
      service.setDefault(profile.name);
      const session = await service.connect(profile.name);
      if (!alive.current) return void session.client.close();
      onDone(session);
    } catch (err) {
      if (alive.current) dispatch({ type: 'save-failed', message: oneLine(err) });
    }
  };

  useKeyHandler(
    (input, key) => {
      const s = getState();
      const r = formKey(input, key, s.form);
      if (!r) return;
      if ('action' in r) return dispatch({ type: 'form', action: r.action });
      if (r.command === 'cancel' || r.command === 'forceQuit') return onQuit();
      if (r.command === 'save') void submit();
    },
    active,
    { acceptsText: () => !setupBusy(getState()) && acceptsText(getState().form) },
  );

  const intro = service
    ? 'No gateway is configured yet. Describe one; it is tested before it is saved.'
    : 'Profiles are not available: the config directory could not be used.';
  const where = 'Saved as a profile (key stored in the config file, mode 0600). Esc quits without saving.';
  // Prose and the last message wrap (never cut); the form gets the lines left.
  const introLines = wrapWords(intro, width, 2);
  const whereLines = wrapWords(where, width, 2);
  const messageLines = state.message ? wrapWords(state.message.text, width, 4) : [''];
  const formHeight = Math.max(3, height - 3 - introLines.length - whereLines.length - messageLines.length);
  return (
    <Box flexDirection="column" width={width} height={height - 1}>
      <Text wrap="truncate">
        <Text {...theme.title}>bifrost-tui</Text>
        <Text>{fit(' › first-run setup', width - 11)}</Text>
      </Text>
      {introLines.map((line, i) => <Text key={`i${i}`} wrap="truncate">{line}</Text>)}
      {whereLines.map((line, i) => <Text key={`w${i}`} {...theme.muted} wrap="truncate">{line}</Text>)}
      <ProfileFormView form={state.form} width={width} height={formHeight} editable={!setupBusy(state)} />
      {messageLines.map((line, i) => <Text key={`m${i}`} {...(state.message ? theme[state.message.role] : {})} wrap="truncate">{line}</Text>)}
      <Footer scopes={['profileForm']} width={width} />
    </Box>
  );
}

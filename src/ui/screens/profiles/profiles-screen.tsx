/** Profiles: list, add, edit, delete, set default, test, reveal the key's tail, and switch (Enter). */
import { Box } from 'ink';
import { Text } from '../../widgets/safe-text.js';
import { useState } from 'react';
import { acceptsText } from '../../../state/profiles/profile-form.js';
import { initialProfilesState, profilesReducer } from '../../../state/profiles/profiles-reducer.js';
import { commandFor, type Scope } from '../../keymap.js';
import { useKeyHandler } from '../../key-router.js';
import type { ProfilesService, Services, Session } from '../../services.js';
import { useTheme } from '../../theme.js';
import { fit, wrapWords } from '../../text.js';
import { useSyncReducer } from '../../use-sync-reducer.js';
import { Footer } from '../../widgets/footer.js';
import { Header } from '../../widgets/header.js';
import { HelpOverlay } from '../../widgets/help-overlay.js';
import { useDocScroll } from '../../widgets/scroll-doc.js';
import { formKey } from './profile-form-keys.js';
import { ProfileFormView } from './profile-form-view.js';
import { profileDetail, ProfileTable } from './profile-table.js';
import { useProfilesController } from './use-profiles-controller.js';
import { printable } from '../../../state/printable.js';

export interface ProfilesScreenProps {
  services: Services;
  width: number;
  height: number;
  active: boolean;
  onBack: () => void;
  /** Makes `session` the live one (the shell closes the old client and reloads the list). */
  onSwitch: (session: Session) => void;
  onQuit: () => void;
}

const HELP_SCOPES: readonly Scope[] = ['profiles', 'profileForm', 'confirm', 'global'];

export function ProfilesScreen(props: ProfilesScreenProps) {
  const service = props.services.profiles;
  if (!service) return <Unavailable {...props} />;
  return <ProfilesBody {...props} service={service} />;
}

function ProfilesBody(props: ProfilesScreenProps & { service: ProfilesService }) {
  const { service, width, height } = props;
  const theme = useTheme();
  const [state, dispatch, getState] = useSyncReducer(profilesReducer, initialProfilesState);
  const [help, setHelp] = useState(false);
  const helpDoc = useDocScroll(help);
  const connection = props.services.session.connection;
  const ctl = useProfilesController({
    service, dispatch, getState, currentProfile: connection.profile, onSwitch: props.onSwitch, onBack: props.onBack,
  });

  useKeyHandler(
    (input, key) => {
      const s = getState();
      if (help) {
        const command = commandFor(['help'], input, key);
        if (command === 'close') setHelp(false);
        else helpDoc.scroll(command);
        return;
      }
      if (s.mode.kind === 'form') {
        const r = formKey(input, key, s.mode.form);
        if (!r) return;
        if ('action' in r) return dispatch({ type: 'form', action: r.action });
        if (r.command === 'save') return ctl.save();
        if (r.command === 'cancel') {
          dispatch({ type: 'form-close' });
          return dispatch({ type: 'status', status: { role: 'muted', text: 'nothing saved' } });
        }
        if (r.command === 'forceQuit') return props.onQuit();
        return;
      }
      if (s.mode.kind === 'confirm-delete') {
        const c = commandFor(['confirm', 'global'], input, key);
        if (c === 'yes') return ctl.remove(s.mode.name);
        if (c === 'no') return dispatch({ type: 'delete-cancel' });
        if (c === 'forceQuit') return props.onQuit();
        return;
      }
      switch (commandFor(['profiles', 'global'], input, key)) {
        case 'up': return dispatch({ type: 'move', delta: -1 });
        case 'down': return dispatch({ type: 'move', delta: 1 });
        case 'first': return dispatch({ type: 'first' });
        case 'last': return dispatch({ type: 'last' });
        case 'add': return dispatch({ type: 'add' });
        case 'edit': return dispatch({ type: 'edit' });
        case 'delete': return dispatch({ type: 'delete' });
        case 'setDefault': return ctl.setDefault();
        case 'test': return ctl.test();
        case 'reveal': return ctl.reveal();
        case 'switch': return ctl.switchTo();
        case 'help': return setHelp(true);
        case 'back': return props.onBack();
        case 'forceQuit': return props.onQuit();
      }
    },
    props.active,
    { acceptsText: () => { const s = getState(); return s.mode.kind === 'form' && acceptsText(s.mode.form); } },
  );

  // A status (a test result, a store error) wraps over up to 3 lines; the table or form gets the rest.
  const statusLines = state.status ? wrapWords(state.status.text, width, 3) : [''];
  const body = Math.max(3, height - 4 - statusLines.length);
  if (help) {
    return (
      <Box flexDirection="column" width={width} height={height - 1}>
        <Header connection={connection} width={width} crumb="profiles › help" />
        <HelpOverlay scopes={HELP_SCOPES} width={width} height={height - 3} offset={helpDoc.top} size={helpDoc.size} />
        <Text {...theme.muted}>{fit('Esc closes help · ↑↓/jk scroll', width)}</Text>
      </Box>
    );
  }
  const form = state.mode.kind === 'form' ? state.mode.form : undefined;
  const crumb = form ? (form.mode === 'add' ? 'profiles › add' : `profiles › edit ${form.original?.name ?? ''}`) : 'profiles';
  const status = state.status;
  return (
    <Box flexDirection="column" width={width} height={height - 1}>
      <Header connection={connection} width={width} crumb={crumb} right={`${state.profiles.length} profile${state.profiles.length === 1 ? '' : 's'}`} />
      {form ? (
        <ProfileFormView form={form} width={width} height={body + 1} />
      ) : (
        <>
          <ProfileTable state={state} service={service} width={width} height={body} current={connection.profile} />
          <Text wrap="truncate">{fit(profileDetail(state, service), width)}</Text>
        </>
      )}
      {statusLines.map((line, i) => <Text key={`s${i}`} {...(status ? theme[status.role] : {})} wrap="truncate">{line}</Text>)}
      {state.mode.kind === 'confirm-delete' ? (
        <Text wrap="truncate">
          <Text {...theme.warn}>{`Delete profile "${printable(state.mode.name)}"? `}</Text>
          <Text {...theme.key}>y</Text><Text> yes  </Text><Text {...theme.key}>n</Text><Text> no</Text>
        </Text>
      ) : (
        <Footer scopes={form ? ['profileForm'] : ['profiles', 'global']} width={width} />
      )}
    </Box>
  );
}

function Unavailable(props: ProfilesScreenProps) {
  const theme = useTheme();
  useKeyHandler((input, key) => {
    if (key.escape || input === 'q') props.onBack();
    else if (key.ctrl && input === 'c') props.onQuit();
  }, props.active);
  return (
    <Box flexDirection="column" width={props.width} height={props.height - 1}>
      <Header connection={props.services.session.connection} width={props.width} crumb="profiles" />
      <Text {...theme.muted}>{fit('Profiles are not available in this session. Esc goes back.', props.width)}</Text>
    </Box>
  );
}

/**
 * After a 401/403: type a key (masked), check it, use it for this session, and offer to store it in the profile.
 * `setupToken`: the gateway asked for its setup token (v2.2.6, locked until setup) instead: the same, for the token.
 */
import { Box } from 'ink';
import { Text } from '../../widgets/safe-text.js';
import { useEffect, useRef } from 'react';
import { errorMessage } from '../../../api/api-error.js';
import { initialKeyPrompt, keyPromptReducer, maskedKey } from '../../../state/profiles/key-prompt-reducer.js';
import { scrubSecrets } from '../../../api/secrets.js';
import { commandFor } from '../../keymap.js';
import { useKeyHandler } from '../../key-router.js';
import type { Services, Session } from '../../services.js';
import { useTheme } from '../../theme.js';
import { fit } from '../../text.js';
import { useSyncReducer } from '../../use-sync-reducer.js';
import { Footer } from '../../widgets/footer.js';
import { Header } from '../../widgets/header.js';
import { isPrintable } from './profile-form-keys.js';
import { oneLine } from './use-profiles-controller.js';

export interface KeyPromptScreenProps {
  services: Services;
  width: number;
  height: number;
  active: boolean;
  /** The 401/403 asked for the gateway's setup token (sent as X-Bifrost-Setup-Token), not for a key. */
  setupToken?: boolean;
  /** With the new session when a key was accepted; without when cancelled. */
  onDone: (session?: Session) => void;
  onQuit: () => void;
}

export function KeyPromptScreen({ services, width, height, active, setupToken = false, onDone, onQuit }: KeyPromptScreenProps) {
  const theme = useTheme();
  const [state, dispatch, getState] = useSyncReducer(keyPromptReducer, initialKeyPrompt);
  const pending = useRef<Session | undefined>(undefined);
  const alive = useRef(true);
  useEffect(() => () => void (alive.current = false), []);
  const { session, profiles } = services;
  const profileName = session.connection.profile;
  const stored = profileName ? safeGet(services, profileName) : undefined;
  const storedSecret = setupToken ? stored?.setupToken : stored?.secret;
  const replaces = storedSecret ? ` (replaces ${profiles?.describeSecret(storedSecret)})` : '';
  const withSecret = setupToken ? session.withSetupToken : session.withKey;

  const check = async (): Promise<void> => {
    const key = getState().value;
    if (!key || !withSecret) return;
    const next = withSecret(key);
    dispatch({ type: 'check-started' });
    try {
      await next.client.listProviderSummaries();
    } catch (err) {
      void next.client.close().catch(() => undefined);
      if (alive.current) dispatch({ type: 'check-failed', message: scrubSecrets(errorMessage(err), [key]) });
      return;
    }
    if (!alive.current) return;
    if (profileName && profiles && stored) {
      pending.current = next;
      dispatch({ type: 'offer-store', message: `✔ the ${setupToken ? 'setup token' : 'key'} works. Store it in profile "${profileName}"${replaces}?` });
    } else onDone(next);
  };

  const store = (): void => {
    const next = pending.current;
    if (!next || !profiles || !stored) return;
    dispatch({ type: 'storing' });
    try {
      const secret = { source: 'stored' as const, value: getState().value };
      profiles.upsert(setupToken ? { ...stored, setupToken: secret } : { ...stored, auth: stored.auth === 'none' ? 'bearer' : stored.auth, secret });
    } catch (err) {
      return dispatch({ type: 'store-failed', message: oneLine(err) });
    }
    onDone(next);
  };

  useKeyHandler(
    (input, key) => {
      const s = getState();
      if (s.phase === 'offer-store' || s.phase === 'storing') {
        const c = commandFor(['confirm', 'global'], input, key);
        if (c === 'yes') store();
        else if (c === 'no') onDone(pending.current);
        else if (c === 'forceQuit') onQuit();
        return;
      }
      if (s.phase === 'checking') return;
      if (isPrintable(input, key)) return dispatch({ type: 'type', text: input });
      if (key.backspace || key.delete) return dispatch({ type: 'backspace' });
      switch (commandFor(['keyPrompt', 'global'], input, key)) {
        case 'submit': return void check();
        case 'clear': return dispatch({ type: 'clear' });
        case 'cancel': return onDone();
        case 'forceQuit': return onQuit();
      }
    },
    active,
    { acceptsText: () => getState().phase === 'typing' },
  );

  const what = setupToken ? 'setup token' : session.connection.authMode === 'basic' ? 'password' : 'API key';
  const lines = setupToken
    ? [
      'The gateway is locked until its first admin is set up (Bifrost v2.2.6).',
      'Enter its setup token (sent as X-Bifrost-Setup-Token); it is used for this session.',
      withSecret ? 'You are asked before it is stored in the profile.' : 'This session cannot take a token: restart with BIFROST_SETUP_TOKEN.',
    ]
    : [
      'The gateway refused the request (401/403).',
      `Enter the management ${what}; it is used for this session.`,
      withSecret ? 'You are asked before it is stored in the profile.' : 'This session cannot change its key: restart with --api-key.',
    ];
  const message = state.message;
  const offering = state.phase === 'offer-store' || state.phase === 'storing';
  return (
    <Box flexDirection="column" width={width} height={height - 1}>
      <Header connection={session.connection} width={width} crumb={setupToken ? 'setup token' : 'API key'} />
      {lines.map((l, i) => (
        <Text key={i} {...(i === 2 ? theme.muted : {})} wrap="truncate">{fit(l, width)}</Text>
      ))}
      <Text> </Text>
      <Text wrap="truncate">
        <Text {...theme.title}>{`${what[0]!.toUpperCase()}${what.slice(1)}: `}</Text>
        <Text>{fit(maskedKey(state) + (state.phase === 'typing' ? '▏' : ''), Math.max(4, width - what.length - 3), false)}</Text>
      </Text>
      <Text {...(message ? theme[message.role] : {})} wrap="truncate">{fit(message?.text ?? '', width)}</Text>
      <Box flexGrow={1} />
      {offering ? (
        <Text wrap="truncate">
          <Text {...theme.key}>y</Text><Text> store in the profile  </Text>
          <Text {...theme.key}>n</Text><Text> this session only</Text>
        </Text>
      ) : (
        <Footer scopes={['keyPrompt']} width={width} />
      )}
    </Box>
  );
}

function safeGet(services: Services, name: string) {
  try {
    return services.profiles?.get(name);
  } catch {
    return undefined;
  }
}

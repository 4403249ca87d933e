/** The app shell: terminal size, routing between screens, the help overlay. */
import { Box, useApp } from 'ink';
import { useCallback, useEffect, useState } from 'react';
import { startingListState } from '../state/list/list-reducer.js';
import type { Scope } from './keymap.js';
import { commandFor } from './keymap.js';
import { KeyRouter, useHoldKeys, useKeyHandler, useReplayHeldKeys } from './key-router.js';
import type { Services, Session } from './services.js';
import { FleetScreen } from './screens/fleet/fleet-screen.js';
import { makeTheme, ThemeContext } from './theme.js';
import { useSyncReducer } from './use-sync-reducer.js';
import { useTerminalSize, type TerminalSize } from './use-terminal-size.js';
import { HelpOverlay, helpLines } from './widgets/help-overlay.js';
import { Header } from './widgets/header.js';
import { Footer } from './widgets/footer.js';
import { MIN_COLUMNS, MIN_ROWS, TooSmall } from './widgets/too-small.js';
import { ListScreen } from './screens/list/list-screen.js';
import { useListController } from './screens/list/use-list-controller.js';
import { FormScreen } from './screens/form/form-screen.js';
import { isBuiltinName } from '../state/provider-catalog.js';
import { KeyPromptScreen } from './screens/profiles/key-prompt-screen.js';
import { ProfilesScreen } from './screens/profiles/profiles-screen.js';
import { resettableListReducer, useSwitchableSession } from './screens/profiles/use-switchable-session.js';
import { SetupScreen } from './screens/setup/setup-screen.js';
import { KeysScreen } from './screens/keys/keys-screen.js';

export interface AppProps {
  services: Services;
  mono?: boolean;
  /** Fixed size for tests; otherwise the real terminal's. */
  size?: TerminalSize;
  /** Called when the user quits. */
  onExit?: () => void;
}

export function App(props: AppProps) {
  return (
    <ThemeContext.Provider value={makeTheme(props.mono ?? false)}>
      <KeyRouter>
        <Shell {...props} />
      </KeyRouter>
    </ThemeContext.Provider>
  );
}

type Route =
  | { screen: 'list' } | { screen: 'provider'; name: string } | { screen: 'keys'; name: string; from: 'list' | 'provider' } | { screen: 'profiles' } | { screen: 'key' } | { screen: 'setup' }
  | { screen: 'fleet'; note?: string }
  /** A provider on another profile's gateway, opened from the fleet screen with a push prepared as its draft. */
  | { screen: 'fleetPush'; name: string; session: Session };

function Shell({ services: initial, size, onExit }: AppProps) {
  const { exit } = useApp();
  const hold = useHoldKeys();
  useReplayHeldKeys();
  const { columns, rows } = useTerminalSize(size);
  const [route, setRouteNow] = useState<Route>(initial.firstRun ? { screen: 'setup' } : initial.pickProfile ? { screen: 'profiles' } : { screen: 'list' });
  const [help, setHelpNow] = useState<readonly Scope[] | null>(null);
  // A list that arrived while Ink was loading is in the very first frame. Read once: the session fills
  // `providers` in when the answer comes, which may fall between this render and the loading effect.
  const [prefetched] = useState(() => {
    const live = initial.session.takePrefetchedList?.();
    return live && { promise: live.promise, providers: live.providers };
  });
  const [list, dispatch, getList] = useSyncReducer(resettableListReducer, () => startingListState(prefetched?.providers, initial.now()));
  const { services, switchSession } = useSwitchableSession(initial, dispatch);
  const { reload } = useListController(services, dispatch, prefetched);
  const now = useClock(services, 15_000);
  const setRoute = (r: Route): void => {
    hold();
    setRouteNow(r);
  };
  const setHelp = (h: readonly Scope[] | null): void => {
    hold();
    setHelpNow(h);
  };

  const quit = useCallback(() => {
    onExit?.();
    exit();
  }, [exit, onExit]);

  const tooSmall = columns < MIN_COLUMNS || rows < MIN_ROWS;
  useKeyHandler((input, key) => {
    if (input === 'q' || (key.ctrl && input === 'c')) quit();
  }, tooSmall);

  // Help and the too-small notice cover the screen without unmounting it, so a form keeps its edits.
  const overlay = tooSmall ? (
    <TooSmall columns={columns} rows={rows} />
  ) : help ? (
    <HelpScreen services={services} scopes={help} width={columns} height={rows} onClose={() => setHelp(null)} />
  ) : null;
  const active = overlay === null;
  const screen = renderScreen();
  return (
    <>
      <Box display={active ? 'flex' : 'none'} flexDirection="column">
        {screen}
      </Box>
      {overlay}
    </>
  );

  function renderScreen() {
    if (route.screen === 'provider')
      return (
        <FormScreen
          key={`${services.session.connection.gatewayKey}/${route.name}`}
          services={services}
          name={route.name}
          allowCreate={isBuiltinName(route.name) && !getList().providers.some((p) => p.name === route.name)}
          width={columns}
          height={rows}
          active={active}
          onBack={() => {
            setRoute({ screen: 'list' });
            reload();
          }}
          onQuit={quit}
          onHelp={(scopes) => setHelp(scopes)}
          onKeys={() => setRoute({ screen: 'keys', name: route.name, from: 'provider' })}
        />
      );
    if (route.screen === 'keys') {
      const p = getList().providers.find((x) => x.name === route.name);
      return (
        <KeysScreen
          key={`${services.session.connection.gatewayKey}/${route.name}/keys`}
          services={services}
          provider={route.name}
          keyless={p?.custom_provider_config?.is_key_less === true}
          kind={p?.custom_provider_config?.base_provider_type ?? route.name}
          width={columns}
          height={rows}
          active={active}
          onBack={() => {
            setRoute(route.from === 'provider' ? { screen: 'provider', name: route.name } : { screen: 'list' });
            if (route.from === 'list') reload();
          }}
          onQuit={quit}
          onHelp={(scopes) => setHelp(scopes)}
        />
      );
    }
    if (route.screen === 'fleet')
      return (
        <FleetScreen services={services} width={columns} height={rows} active={active} onQuit={quit}
          onBack={() => setRoute({ screen: 'list' })}
          onHelp={(cell) => setHelp(cell ? ['fleetCell', 'global'] : ['fleet', 'global'])}
          onPush={(session, name) => setRoute({ screen: 'fleetPush', name, session })} />
      );
    if (route.screen === 'fleetPush')
      return (
        <FormScreen
          key={`fleet:${route.session.connection.gatewayKey}/${route.name}`}
          services={{ ...services, session: route.session }}
          name={route.name}
          allowCreate={false}
          width={columns}
          height={rows}
          active={active}
          onBack={() => setRoute({ screen: 'fleet' })}
          onQuit={quit}
          onHelp={(scopes) => setHelp(scopes)}
        />
      );
    if (route.screen === 'setup')
      return <SetupScreen services={services} width={columns} height={rows} active={active} onQuit={quit} onDone={(next) => { switchSession(next); setRoute({ screen: 'list' }); }} />;
    if (route.screen === 'profiles')
      return <ProfilesScreen services={services} width={columns} height={rows} active={active} onBack={() => setRoute({ screen: 'list' })} onSwitch={switchSession} onQuit={quit} />;
    if (route.screen === 'key')
      return <KeyPromptScreen services={services} width={columns} height={rows} active={active} onQuit={quit} onDone={(next) => { if (next) switchSession(next); setRoute({ screen: 'list' }); }} />;
    return (
      <ListScreen
        services={services}
        state={list}
        dispatch={dispatch}
        getState={getList}
        reload={reload}
        width={columns}
        height={rows}
        active={active}
        now={now}
        onOpen={(name) => setRoute({ screen: 'provider', name })}
        onKeys={(name) => setRoute({ screen: 'keys', name, from: 'list' })}
        onProfiles={() => setRoute({ screen: 'profiles' })}
        onFleet={() => setRoute({ screen: 'fleet' })}
        onAuthKey={() => getList().error?.kind === 'auth' && setRoute({ screen: 'key' })}
        onQuit={quit}
        onHelp={() => setHelp(['list', 'global'])}
      />
    );
  }
}

function HelpScreen({ services, scopes, width, height, onClose }: { services: Services; scopes: readonly Scope[]; width: number; height: number; onClose: () => void }) {
  const [offset, setOffset] = useState(0);
  const total = helpLines(scopes).length;
  const view = Math.max(1, height - 3);
  useKeyHandler((input, key) => {
    if (commandFor(['help'], input, key) === 'close' || (key.ctrl && input === 'c')) onClose();
    else if (key.downArrow || input === 'j') setOffset((o) => Math.min(Math.max(0, total - view), o + 1));
    else if (key.upArrow || input === 'k') setOffset((o) => Math.max(0, o - 1));
  });
  return (
    <Box flexDirection="column" width={width} height={height - 1}>
      <Header connection={services.session.connection} width={width} crumb="help" />
      <HelpOverlay scopes={scopes} width={width} height={view} offset={offset} />
      <Footer scopes={['help']} width={width} />
    </Box>
  );
}

/** A coarse clock for "refreshed N ago"; no faster than `everyMs` so slow links see few repaints. */
function useClock(services: Services, everyMs: number): number {
  const [now, setNow] = useState(() => services.now());
  useEffect(() => {
    const t = setInterval(() => setNow(services.now()), everyMs);
    t.unref?.();
    return () => clearInterval(t);
  }, [services, everyMs]);
  return now;
}

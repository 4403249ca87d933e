/** The app shell: terminal size, routing between screens, the help overlay. */
import { Box, useApp, type Key } from 'ink';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { startingListState } from '../state/list/list-reducer.js';
import type { Scope } from './keymap.js';
import { commandFor } from './keymap.js';
import { KeyRouter, useHoldKeys, useKeyFilter, useKeyHandler, useReplayHeldKeys, useScreenTakesText } from './key-router.js';
import { runBeforeExit } from './exit-hooks.js';
import { lineEditFor } from './line-edit-keys.js';
import type { Services, Session } from './services.js';
import type { FleetLayout } from '../state/fleet/fleet-layout.js';
import type { FormPush } from './screens/form/form-screen.js';
import { makeTheme, ThemeContext } from './theme.js';
import { useSyncReducer } from './use-sync-reducer.js';
import { useTerminalSize, type TerminalSize } from './use-terminal-size.js';
import { HelpOverlay } from './widgets/help-overlay.js';
import { useDocScroll } from './widgets/scroll-doc.js';
import { Header } from './widgets/header.js';
import { Footer } from './widgets/footer.js';
import { MIN_COLUMNS, MIN_ROWS, TooSmall } from './widgets/too-small.js';
import { ScreenSize } from './widgets/safe-text.js';
import { ListScreen } from './screens/list/list-screen.js';
import { useListController } from './screens/list/use-list-controller.js';
import { DeleteScreen, FleetScreen, FormScreen, HistoryScreen, KeyPromptScreen, KeysScreen, NewProviderScreen, ProfilesScreen, SetupScreen, WholeEditScreen } from './screens/lazy-screens.js';
import { isBuiltinName } from '../state/provider/provider-catalog.js';
import { asksForSetupToken } from '../state/profiles/key-prompt-reducer.js';
import { resettableListReducer, useSwitchableSession } from './screens/profiles/use-switchable-session.js';
import { GatewayVersionContext, useGatewayVersions } from './gateway-version.js';

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
  | { screen: 'list' } | { screen: 'provider'; name: string; base?: string } | { screen: 'new' } | { screen: 'keys'; name: string; from: 'list' | 'provider' } | { screen: 'profiles' } | { screen: 'key'; setupToken?: boolean } | { screen: 'setup' }
  | { screen: 'fleet'; note?: string }
  /** Writes of a whole provider through the pipeline: a delete, its saved versions, the whole-object edit; `from`: where Esc goes. */
  | { screen: 'delete'; name: string }
  | { screen: 'history'; name: string; from: 'list' | 'provider' }
  | { screen: 'wholeEdit'; name: string; from: 'list' | 'provider' }
  /** A provider on another profile's gateway, opened from the fleet screen with a push prepared as its draft. */
  | { screen: 'fleetPush'; name: string; session: Session; push: FormPush };

function Shell({ services: initial, size, onExit }: AppProps) {
  const { exit } = useApp();
  const hold = useHoldKeys();
  useReplayHeldKeys();
  const { columns, rows } = useTerminalSize(size);
  // What any text can show at most: <Text> cuts longer strings before Ink measures them.
  const screenSize = useMemo(() => ({ columns, rows }), [columns, rows]);
  const [route, setRouteNow] = useState<Route>(initial.firstRun ? { screen: 'setup' } : initial.pickProfile ? { screen: 'profiles' } : { screen: 'list' });
  const [help, setHelpNow] = useState<readonly Scope[] | null>(null);
  // Unsaved edits in the open form, so quitting from the too-small screen can ask first.
  const [unsaved, setUnsaved] = useState(0);
  const [askQuit, setAskQuit] = useState(false);
  // The fleet screen's column order and baseline, kept while the app runs (a push opens another screen).
  const fleetLayout = useRef<FleetLayout | undefined>(undefined);
  const keepFleetLayout = useCallback((layout: FleetLayout) => void (fleetLayout.current = layout), []);
  // A list that arrived while Ink was loading is in the very first frame. Read once: the session fills
  // `providers` in when the answer comes, which may fall between this render and the loading effect.
  const [prefetched] = useState(() => {
    const live = initial.session.takePrefetchedList?.();
    return live && { promise: live.promise, providers: live.providers };
  });
  const [list, dispatch, getList] = useSyncReducer(resettableListReducer, () => startingListState(prefetched?.providers, initial.now()));
  const { services, switchSession } = useSwitchableSession(initial, dispatch);
  // Read when a refresh is due: it waits while another screen, an overlay or the filter prompt has the keyboard.
  const shown = useRef({ list: true, overlay: false });
  const { reload, confirmedAt } = useListController(services, dispatch, prefetched, {
    seconds: services.refreshSeconds,
    paused: () => !shown.current.list || shown.current.overlay || getList().filterEditing,
  });
  const now = useClock(services, 10_000);
  const versions = useGatewayVersions(services.session, list.loads > 0);
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
  // Below the minimum the screen stays mounted and keeps taking what it safely can: the text being typed
  // into a field (so nothing typed is lost). Every other key is the notice's: q/^C quit (asking when there
  // are edits, then writing the draft with the half-typed value, like every other exit), the rest wait.
  const takesText = useScreenTakesText();
  const quitKeepingDraft = (): void => {
    runBeforeExit();
    quit();
  };
  const tooSmallKeys = (input: string, key: Key, typing: boolean): boolean => {
    const ctrlC = key.ctrl && input === 'c';
    if (askQuit) {
      // The one yes/no convention (state/yes-no.ts): y is yes; n, Esc and Enter are no.
      const answer = commandFor(['confirm'], input, key);
      if (answer === 'yes') quitKeepingDraft();
      else if (answer === 'no') setAskQuit(false);
      return false;
    }
    if (typing && !ctrlC && lineEditFor(input, key) !== undefined) return true;
    if (input === 'q' || ctrlC) {
      if (route.screen === 'provider' && (unsaved > 0 || typing)) setAskQuit(true);
      else quitKeepingDraft();
    }
    return false;
  };
  // With help open there is no screen to hand text to: the notice takes every key.
  useKeyFilter(tooSmall && !help ? tooSmallKeys : null);
  useKeyHandler((input, key) => void tooSmallKeys(input, key, false), tooSmall && help !== null);
  useEffect(() => {
    if (!tooSmall) setAskQuit(false);
  }, [tooSmall]);

  // Help and the too-small notice cover the screen without unmounting it, so a form keeps its edits.
  const overlay = tooSmall ? (
    <TooSmall columns={columns} rows={rows} unsaved={route.screen === 'provider' ? unsaved : 0} asking={askQuit} typing={!help && takesText()} />
  ) : help ? (
    <HelpScreen services={services} scopes={help} width={columns} height={rows} onClose={() => setHelp(null)} />
  ) : null;
  // The screen has the keyboard unless help is open (below the minimum, through the filter above).
  const active = help === null;
  shown.current = { list: route.screen === 'list', overlay: overlay !== null };
  const screen = renderScreen();
  return (
    <GatewayVersionContext.Provider value={versions}>
      <ScreenSize.Provider value={screenSize}>
        <Box display={overlay === null ? 'flex' : 'none'} flexDirection="column">
          {screen}
        </Box>
        {overlay}
      </ScreenSize.Provider>
    </GatewayVersionContext.Provider>
  );

  function renderScreen() {
    if (route.screen === 'provider')
      return (
        <FormScreen
          key={`${services.session.connection.gatewayKey}/${route.name}`}
          services={services}
          name={route.name}
          allowCreate={(route.base !== undefined || isBuiltinName(route.name)) && !getList().providers.some((p) => p.name === route.name)}
          {...(route.base ? { createBase: route.base } : {})}
          width={columns}
          height={rows}
          active={active}
          visible={overlay === null}
          onBack={() => {
            setRoute({ screen: 'list' });
            reload();
          }}
          onQuit={quit}
          onHelp={(scopes) => setHelp(scopes)}
          onUnsavedChange={setUnsaved}
          onKeys={() => setRoute({ screen: 'keys', name: route.name, from: 'provider' })}
          onWholeEdit={() => setRoute({ screen: 'wholeEdit', name: route.name, from: 'provider' })}
          onHistory={() => setRoute({ screen: 'history', name: route.name, from: 'provider' })}
        />
      );
    if (route.screen === 'keys') {
      const p = getList().providers.find((x) => x.name === route.name);
      return (
        <KeysScreen
          key={`${services.session.connection.gatewayKey}/${route.name}/keys`}
          services={services}
          provider={route.name}
          keyless={p?.keyless === true}
          kind={p?.baseType ?? route.name}
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
          onPush={(session, name, push) => setRoute({ screen: 'fleetPush', name, session, push })}
          layout={fleetLayout.current} onLayout={keepFleetLayout} />
      );
    if (route.screen === 'fleetPush')
      return (
        <FormScreen
          key={`fleet:${route.session.connection.gatewayKey}/${route.name}`}
          services={{ ...services, session: route.session }}
          name={route.name}
          allowCreate={false}
          push={route.push}
          width={columns}
          height={rows}
          active={active}
          visible={overlay === null}
          onBack={() => setRoute({ screen: 'fleet' })}
          onQuit={quit}
          onHelp={(scopes) => setHelp(scopes)}
        />
      );
    const backTo = (from: 'list' | 'provider', name: string) => (): void => {
      setRoute(from === 'provider' ? { screen: 'provider', name } : { screen: 'list' });
      if (from === 'list') reload();
    };
    if (route.screen === 'new')
      return (
        <NewProviderScreen services={services} configured={getList().providers.map((p) => p.name)} width={columns} height={rows} active={active}
          onCreate={(name, base) => setRoute({ screen: 'provider', name, ...(base ? { base } : {}) })}
          onOpen={(name) => setRoute({ screen: 'provider', name })}
          onHistory={(name) => setRoute({ screen: 'history', name, from: 'list' })}
          onBack={() => setRoute({ screen: 'list' })} onQuit={quit} onHelp={(scopes) => setHelp(scopes)} />
      );
    if (route.screen === 'delete')
      return <DeleteScreen key={`delete:${route.name}`} services={services} name={route.name} width={columns} height={rows} active={active} onQuit={quit} onHelp={(scopes) => setHelp(scopes)} onBack={backTo('list', route.name)} />;
    if (route.screen === 'history')
      return <HistoryScreen key={`history:${route.name}`} services={services} name={route.name} width={columns} height={rows} active={active} onQuit={quit} onHelp={(scopes) => setHelp(scopes)} onBack={backTo(route.from, route.name)} />;
    if (route.screen === 'wholeEdit')
      return <WholeEditScreen key={`edit:${route.name}`} services={services} name={route.name} width={columns} height={rows} active={active} onQuit={quit} onHelp={(scopes) => setHelp(scopes)} onBack={backTo(route.from, route.name)} />;
    if (route.screen === 'setup')
      return <SetupScreen services={services} width={columns} height={rows} active={active} onQuit={quit} onDone={(next) => { switchSession(next); setRoute({ screen: 'list' }); }} />;
    if (route.screen === 'profiles')
      return <ProfilesScreen services={services} width={columns} height={rows} active={active} onBack={() => setRoute({ screen: 'list' })} onSwitch={switchSession} onQuit={quit} />;
    if (route.screen === 'key')
      return <KeyPromptScreen services={services} setupToken={route.setupToken === true} width={columns} height={rows} active={active} onQuit={quit} onDone={(next) => { if (next) switchSession(next); setRoute({ screen: 'list' }); }} />;
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
        confirmedAt={confirmedAt()}
        onOpen={(name) => setRoute({ screen: 'provider', name })}
        onKeys={(name) => setRoute({ screen: 'keys', name, from: 'list' })}
        onProfiles={() => setRoute({ screen: 'profiles' })}
        onFleet={() => setRoute({ screen: 'fleet' })}
        onWholeEdit={(name) => setRoute({ screen: 'wholeEdit', name, from: 'list' })}
        onNew={() => setRoute({ screen: 'new' })}
        onDelete={(name) => setRoute({ screen: 'delete', name })}
        onHistory={(name) => setRoute({ screen: 'history', name, from: 'list' })}
        onAuthKey={() => {
          const error = getList().error;
          if (error?.kind === 'auth') setRoute({ screen: 'key', ...(asksForSetupToken(error.message) ? { setupToken: true } : {}) });
        }}
        onQuit={quit}
        onHelp={() => setHelp(['list', 'global'])}
      />
    );
  }
}

function HelpScreen({ services, scopes, width, height, onClose }: { services: Services; scopes: readonly Scope[]; width: number; height: number; onClose: () => void }) {
  const doc = useDocScroll(scopes);
  useKeyHandler((input, key) => {
    const command = commandFor(['help'], input, key);
    if (command === 'close' || (key.ctrl && input === 'c')) onClose();
    else doc.scroll(command);
  });
  return (
    <Box flexDirection="column" width={width} height={height - 1}>
      <Header connection={services.session.connection} width={width} crumb="help" />
      <HelpOverlay scopes={scopes} width={width} height={Math.max(1, height - 3)} offset={doc.top} size={doc.size} readOnly={services.session.connection.readOnly} />
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

/** Read-only view of every field of one provider, as the gateway returned it (secrets masked). */
import { Box, Text } from 'ink';
import { useEffect, useMemo, useState } from 'react';
import type { Provider } from '../../api/wire.js';
import { errorMessage } from '../../api/api-error.js';
import { flattenForDisplay } from '../../state/flatten.js';
import { commandFor } from '../keymap.js';
import { useKeyHandler } from '../key-router.js';
import type { Services } from '../services.js';
import { useTheme } from '../theme.js';
import { fit } from '../text.js';
import { Header } from '../widgets/header.js';
import { Footer } from '../widgets/footer.js';

export interface DetailScreenProps {
  services: Services;
  name: string;
  width: number;
  height: number;
  active: boolean;
  onBack: () => void;
  onHelp: () => void;
}

type Load = { phase: 'loading' } | { phase: 'ready'; provider: Provider } | { phase: 'error'; message: string };

export function DetailScreen({ services, name, width, height, active, onBack, onHelp }: DetailScreenProps) {
  const theme = useTheme();
  const [load, setLoad] = useState<Load>({ phase: 'loading' });
  const [top, setTop] = useState(0);
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    const ctrl = new AbortController();
    setLoad({ phase: 'loading' });
    services.session.client.getProvider(name, { signal: ctrl.signal }).then(
      (provider) => !ctrl.signal.aborted && setLoad({ phase: 'ready', provider }),
      (err: unknown) => !ctrl.signal.aborted && setLoad({ phase: 'error', message: errorMessage(err) }),
    );
    return () => ctrl.abort();
  }, [services, name, nonce]);

  const lines = useMemo(() => (load.phase === 'ready' ? flattenForDisplay(load.provider) : []), [load]);
  const view = Math.max(1, height - 4);
  const maxTop = Math.max(0, lines.length - view);
  useKeyHandler(
    (input, key) => {
      switch (commandFor(['detail', 'global'], input, key)) {
        case 'up': return setTop((t) => Math.max(0, t - 1));
        case 'down': return setTop((t) => Math.min(maxTop, t + 1));
        case 'pageUp': return setTop((t) => Math.max(0, t - view));
        case 'pageDown': return setTop((t) => Math.min(maxTop, t + view));
        case 'first': return setTop(0);
        case 'last': return setTop(maxTop);
        case 'refresh': return setNonce((n) => n + 1);
        case 'help': return onHelp();
        case 'back': case 'forceQuit': return onBack();
      }
    },
    active,
  );
  const pathWidth = Math.min(48, Math.floor(width / 2));
  return (
    <Box flexDirection="column" width={width} height={height - 1}>
      <Header connection={services.session.connection} width={width} crumb={name} right={lines.length ? `${lines.length} fields` : ''} />
      <Box flexDirection="column" height={view + 1}>
        {load.phase === 'loading' ? <Text {...theme.muted}>  Loading {name}…</Text> : null}
        {load.phase === 'error' ? <Text {...theme.error}>{fit(`✖ ${load.message}`, width)}</Text> : null}
        {lines.slice(top, top + view).map((l) => (
          <Text key={l.path} wrap="truncate">
            <Text {...theme.muted}>{fit(l.path, pathWidth)} </Text>
            <Text>{fit(l.text, width - pathWidth - 1)}</Text>
          </Text>
        ))}
      </Box>
      <Footer scopes={['detail', 'global']} width={width} />
    </Box>
  );
}

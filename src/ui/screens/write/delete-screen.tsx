/** `d` on the list: delete a provider through the write pipeline (review, y, re-read, backup, DELETE, confirming read). */
import { Box } from 'ink';
import { rerunLineOn } from '../../../connection/connection-info.js';
import { Text } from '../../widgets/safe-text.js';
import { commandFor } from '../../keymap.js';
import { useKeyHandler } from '../../key-router.js';
import type { Services } from '../../services.js';
import { useTheme } from '../../theme.js';
import { fit } from '../../text.js';
import { Footer } from '../../widgets/footer.js';
import { Header } from '../../widgets/header.js';
import { useProviderRead } from './use-provider-read.js';
import { WriteFlow } from './write-flow.js';
import type { ProviderWriteScreenProps } from './provider-screen-props.js';

export type DeleteScreenProps = ProviderWriteScreenProps;

export function DeleteScreen(props: DeleteScreenProps) {
  const { services, name, width, height } = props;
  const { read } = useProviderRead(services, name);
  const conn = services.session.connection;
  const where = conn.profile ?? conn.url;
  if (read.kind === 'ready' && read.provider) {
    return (
      <WriteFlow
        services={services} name={name} width={width} height={height} active={props.active}
        plan={{ action: 'delete', base: read.provider }} current={read.provider}
        title={`Delete ${name} on ${where}`}
        intro={[
          `y deletes ${name} from the gateway. Its settings are kept in the local history first: n on the list with its name, then H (or \`${rerunLineOn(conn, ['providers', 'restore', name])}\`), creates it again from them. The backup holds its settings, not its API keys, and its masked secrets cannot be sent back: set those again after a restore.`,
        ]}
        yes={`y deletes ${name}`}
        doneText={`deleted ${name}`}
        undo={(backup) => `to restore it: n on the list, type ${name}, H; or ${rerunLineOn(conn, ['providers', 'restore', name, '--at', backup])}`}
        onExit={props.onBack} onQuit={props.onQuit} onHelp={props.onHelp}
      />
    );
  }
  return <Waiting {...props} text={read.kind === 'loading' ? `reading ${name}…` : read.kind === 'failed' ? `✖ ${read.message}` : `${name} is not configured on this gateway: nothing to delete`} error={read.kind !== 'loading'} />;
}

/** Before the review: a read in flight, or why there is nothing to review (Esc back). */
export function Waiting(props: { services: Services; name: string; width: number; height: number; active: boolean; text: string; error?: boolean; onBack: (written: boolean) => void; onQuit: () => void }) {
  const theme = useTheme();
  useKeyHandler((input, key) => {
    const command = commandFor(['writeDone', 'global'], input, key);
    if (command === 'back') props.onBack(false);
    else if (command === 'forceQuit') props.onQuit();
  }, props.active);
  return (
    <Box flexDirection="column" width={props.width} height={props.height - 1}>
      <Header connection={props.services.session.connection} width={props.width} crumb={props.name} />
      <Box height={Math.max(1, props.height - 3)}>
        <Text {...(props.error ? theme.error : theme.muted)} wrap="truncate">{fit(props.text, props.width)}</Text>
      </Box>
      <Footer scopes={['writeDone', 'global']} width={props.width} />
    </Box>
  );
}

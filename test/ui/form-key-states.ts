/** Form states in each key mode, and a recorder of what the form's key handler did, for the form-keys tests. */
import { decodeKey } from '../../src/state/input/decode-key.js';
import { reduceFormScreen, type FormScreenAction } from '../../src/state/form-screen/form-screen-reducer.js';
import { initialFormScreen, type FormScreenState } from '../../src/state/form-screen/form-screen-state.js';
import { handleFormKey } from '../../src/ui/screens/form/form-keys.js';
import type { Scope } from '../../src/ui/keymap.js';
import { CUSTOM_PROVIDER, OPENAI_PROVIDER } from '../fixtures/providers.js';
import type { Provider } from '../../src/api/wire.js';

const run = (s: FormScreenState, ...actions: FormScreenAction[]): FormScreenState => actions.reduce(reduceFormScreen, s);

function loaded(provider: Provider): FormScreenState {
  return run(initialFormScreen(provider.name ?? 'x', false, 40), { type: 'load-started' }, { type: 'load-succeeded', provider, isNew: false });
}

function focus(s: FormScreenState, fieldId: string): FormScreenState {
  const i = s.rows.findIndex((r) => r.type !== 'section' && r.fieldId === fieldId);
  if (i < 0) throw new Error(`no row ${fieldId}`);
  return run(s, { type: 'move', delta: i - s.cursor });
}

/** The form in one of its key modes. */
export function formIn(mode: 'browse' | 'edit' | 'pem' | 'mapEntry' | 'flagsFilter' | 'leave' | 'checking'): FormScreenState {
  switch (mode) {
    case 'browse': return loaded(OPENAI_PROVIDER);
    case 'edit': return run(focus(loaded(OPENAI_PROVIDER), 'network_config.max_retries'), { type: 'activate' });
    case 'pem': return run(focus(loaded(OPENAI_PROVIDER), 'network_config.ca_cert_pem'), { type: 'activate' });
    case 'mapEntry': return run(focus(loaded(OPENAI_PROVIDER), 'network_config.extra_headers'), { type: 'activate' }, { type: 'map', action: { type: 'map-edit-value' } });
    case 'flagsFilter': return run(focus(loaded(CUSTOM_PROVIDER), 'custom_provider_config.allowed_requests'), { type: 'activate' }, { type: 'flags', action: { type: 'flags-filter-start' } });
    case 'leave': return run(edited(), { type: 'leave-requested', then: 'back' });
    case 'checking': return run(edited(), { type: 'save-requested' });
  }
}

/** Max retries changed (from 2 to 5). */
const edited = (): FormScreenState =>
  run(formIn('edit'), { type: 'line', op: { type: 'clear-before' } }, { type: 'line', op: { type: 'insert', text: '5' } }, { type: 'commit-edit' });

/** Presses one raw key (as a terminal sends it) in state `s`; returns what the handler did, by name. */
export function press(s: FormScreenState, raw: string): string[] {
  const did: string[] = [];
  const [input, key] = decodeKey(raw);
  handleFormKey(s, input, key, {
    dispatch: (a) => void did.push(a.type === 'line' ? `line:${a.op.type}` : a.type === 'map' || a.type === 'flags' ? `${a.type}:${a.action.type}` : a.type),
    back: () => void did.push('back'),
    quit: () => void did.push('quit'),
    help: (scopes: readonly Scope[]) => void did.push(`help:${scopes.join(',')}`),
    discardAndLeave: () => void did.push('discardAndLeave'),
    loadPemFile: () => void did.push('loadPemFile'),
    editPemInEditor: () => void did.push('editPemInEditor'),
    reload: () => void did.push('reload'),
    gridColumns: 3,
  });
  return did;
}

/**
 * The one keymap table. Handlers, the footer hints and the `?` help overlay
 * are all driven from it, so they cannot disagree.
 */
import type { Key } from 'ink';

export type Scope = 'global' | 'draftPrompt' | 'leavePrompt' | 'checkingPrompt' | 'savingPrompt' | 'list' | 'form' | 'keys' | 'keyForm' | 'keyInput' | 'allowList'
  | 'edit' | 'pemPrompt' | 'lineEdit' | 'mapEntry' | 'flagsFilter' | 'map' | 'flags' | 'diff' | 'conflict' | 'confirm' | 'profiles' | 'profileForm' | 'setup' | 'keyPrompt' | 'fleet' | 'fleetCell'
  | 'writeReview' | 'writeConflict' | 'writeDone' | 'history' | 'wholeEdit' | 'newProvider' | 'newProviderBase' | 'newProviderKnown' | 'help';

export interface Binding {
  /** Command name the screen handles. */
  command: string;
  /** Key specs: a single character, or up/down/left/right/pageup/pagedown/home/end/enter/esc/tab/space/backspace, or ctrl+x. */
  keys: readonly string[];
  scope: Scope;
  /** Short text for the help overlay. */
  help: string;
  /** Shown in the footer with this label (short). */
  hint?: string;
  /** The keys the footer names for the hint, when one binding's hint stands for a pair (`< >`); default its first key. */
  hintKeys?: string;
  /**
   * Footer priority on a narrow terminal: the hints of the lowest ranks are dropped last. 1: leaving,
   * help, the screen's main answer; 2: the screen's primary actions; 3 (the default): the others;
   * 4: moving, which every list does alike.
   */
  rank?: number;
  /** The words a prompt line shows for this binding (prompt scopes), e.g. `Enter or r restore them`. */
  prompt?: string;
  /** Saves or writes: not offered (footer, help, prompt words) through a read-only profile. */
  writes?: true;
}

/** What the footer, the help and prompt lines leave out: the writing bindings, on a read-only profile. */
export interface ShownFor {
  readOnly?: boolean;
}

const offered = (b: Binding, shown: ShownFor): boolean => !(shown.readOnly && b.writes);

/** Page and first/last moves of a list scope (`what`: the list's items, e.g. `key`): the same keys on every list. */
function pageAndEnds(scope: Scope, what: string): Binding[] {
  return [
    { command: 'pageUp', keys: ['pageup', 'ctrl+b'], scope, help: 'page up' },
    { command: 'pageDown', keys: ['pagedown', 'ctrl+f'], scope, help: 'page down' },
    { command: 'first', keys: ['g', 'home'], scope, help: `first ${what}` },
    { command: 'last', keys: ['G', 'end'], scope, help: `last ${what}` },
  ];
}

export const KEYMAP: readonly Binding[] = [
  { command: 'up', keys: ['up', 'k'], scope: 'list', help: 'move up' },
  { command: 'down', keys: ['down', 'j'], scope: 'list', help: 'move down', hint: 'move', rank: 4 },
  { command: 'pageUp', keys: ['pageup', 'ctrl+b'], scope: 'list', help: 'page up' },
  { command: 'pageDown', keys: ['pagedown', 'ctrl+f'], scope: 'list', help: 'page down' },
  { command: 'first', keys: ['g', 'home'], scope: 'list', help: 'first provider' },
  { command: 'last', keys: ['G', 'end'], scope: 'list', help: 'last provider' },
  { command: 'open', keys: ['enter', 'right', 'l'], scope: 'list', help: 'open the provider', hint: 'open', rank: 1 },
  { command: 'filter', keys: ['/'], scope: 'list', help: 'filter by name, base type, status or note, e.g. /error (Esc clears)', hint: 'filter', rank: 2 },
  { command: 'sort', keys: ['s'], scope: 'list', help: 'sort by the next column: NAME, KIND, STATUS, CONC/BUF, BASE URL (the title shows ↑ or ↓)', hint: 'sort', rank: 4 },
  { command: 'reverseSort', keys: ['S'], scope: 'list', help: 'reverse the sort' },
  { command: 'toggleUnconfigured', keys: ['a'], scope: 'list', help: 'show/hide built-ins not configured yet', hint: 'all', rank: 4 },
  { command: 'refresh', keys: ['r', 'ctrl+r'], scope: 'list', help: 'refresh from the gateway', hint: 'refresh', rank: 3 },
  { command: 'profiles', keys: ['P', ':'], scope: 'list', help: 'profiles: switch, add, edit, test', hint: 'profiles', rank: 2 },
  { command: 'fleet', keys: ['F'], scope: 'list', help: 'fleet: every provider across every profile', hint: 'fleet', rank: 2 },
  { command: 'quit', keys: ['q'], scope: 'list', help: 'quit', hint: 'quit', rank: 1 },
  { command: 'clearFilter', keys: ['esc'], scope: 'list', help: 'clear the filter' },
  { command: 'keys', keys: ['y'], scope: 'list', help: 'the provider\'s API keys', hint: 'keys', rank: 2 },
  { command: 'wholeEdit', keys: ['e'], scope: 'list', help: 'edit the whole provider in $EDITOR (YAML or JSON), then review and save', hint: 'edit' },
  { command: 'newProvider', keys: ['n'], scope: 'list', help: 'new provider: a built-in not configured yet, or a custom one with its base type', hint: 'new' },
  { command: 'delete', keys: ['d'], scope: 'list', help: 'delete the provider: review, then y (its settings are backed up first and can be restored)', hint: 'delete' },
  { command: 'history', keys: ['H'], scope: 'list', help: 'the provider\'s saved versions (local history); restore one', hint: 'history' },


  { command: 'up', keys: ['up', 'k'], scope: 'form', help: 'previous field' },
  { command: 'down', keys: ['down', 'j'], scope: 'form', help: 'next field', hint: 'move', rank: 4 },
  { command: 'pageUp', keys: ['pageup', 'ctrl+b'], scope: 'form', help: 'page up' },
  { command: 'pageDown', keys: ['pagedown', 'ctrl+f'], scope: 'form', help: 'page down' },
  { command: 'first', keys: ['g', 'home'], scope: 'form', help: 'first field' },
  { command: 'last', keys: ['G', 'end'], scope: 'form', help: 'last field' },
  { command: 'nextSection', keys: ['tab', ']'], scope: 'form', help: 'next section' },
  { command: 'prevSection', keys: ['shift+tab', '['], scope: 'form', help: 'previous section' },
  { command: 'section', keys: ['1', '2', '3', '4', '5', '6', '7'], scope: 'form', help: 'jump to section 1-7' },
  { command: 'toggleSection', keys: ['z'], scope: 'form', help: 'collapse/expand the section' },
  { command: 'activate', keys: ['enter', 'space'], scope: 'form', help: 'edit the field (toggles flip, choices cycle)', hint: 'edit', rank: 2 },
  { command: 'save', keys: ['ctrl+s'], scope: 'form', help: 'save: check the gateway, review the diff, confirm', hint: 'save', rank: 2, writes: true },
  { command: 'undo', keys: ['u', 'ctrl+z'], scope: 'form', help: 'undo', hint: 'undo', rank: 3 },
  { command: 'redo', keys: ['ctrl+r', 'ctrl+y'], scope: 'form', help: 'redo' },
  { command: 'revertField', keys: ['x'], scope: 'form', help: 'revert the field to the loaded value', hint: 'revert', rank: 3 },
  { command: 'resetField', keys: ['D'], scope: 'form', help: 'reset the field to the gateway default' },
  { command: 'revertAll', keys: ['X'], scope: 'form', help: 'revert every field (undoable)' },
  { command: 'nextError', keys: ['n'], scope: 'form', help: 'jump to the next error' },
  { command: 'reveal', keys: ['v'], scope: 'form', help: 'show/hide a secret you typed (gateway-redacted values stay masked)' },
  { command: 'editor', keys: ['e'], scope: 'form', help: 'edit the whole provider in $EDITOR (no unsaved edits); on a PEM field: that field' },
  { command: 'history', keys: ['H'], scope: 'form', help: 'the provider\'s saved versions; restore one (save or revert edits first)' },
  { command: 'reload', keys: ['r'], scope: 'form', help: 'reload from the gateway (refused while there are edits: save or revert first)' },
  { command: 'keys', keys: ['y'], scope: 'form', help: 'the provider\'s API keys (save or revert edits first)' },
  { command: 'back', keys: ['esc', 'q', 'left', 'h'], scope: 'form', help: 'back to the list (asks when there are edits)', hint: 'back', rank: 1 },

  { command: 'restore', keys: ['enter', 'r'], scope: 'draftPrompt', help: 'restore the kept edits', prompt: 'Enter or r restore them', hint: 'restore', rank: 1 },
  { command: 'discard', keys: ['d'], scope: 'draftPrompt', help: 'discard the kept edits (asks first: y discards)', prompt: 'd discard them', hint: 'discard', rank: 1 },
  { command: 'back', keys: ['esc', 'q'], scope: 'draftPrompt', help: 'back to the list (the draft stays on disk)', prompt: 'Esc back to the list (the draft stays)', hint: 'keep for later', rank: 1 },
  { command: 'forceQuit', keys: ['ctrl+c'], scope: 'draftPrompt', help: 'quit (the draft stays on disk)' },

  { command: 'save', keys: ['s', 'ctrl+s'], scope: 'leavePrompt', help: 'save, then leave', prompt: 's save', writes: true },
  { command: 'discard', keys: ['d'], scope: 'leavePrompt', help: 'discard the edits and leave (asks first: y discards)', prompt: 'd discard' },
  { command: 'stay', keys: ['esc', 'k', 'n', 'ctrl+c'], scope: 'leavePrompt', help: 'keep editing', prompt: 'Esc keep editing' },

  { command: 'cancel', keys: ['esc', 'ctrl+c'], scope: 'checkingPrompt', help: 'cancel the save (only a read is in flight: nothing was sent)', hint: 'cancel', rank: 1 },

  { command: 'explain', keys: ['esc'], scope: 'savingPrompt', help: 'nothing to cancel: says that the save cannot be taken back, and keeps waiting for its answer' },
  { command: 'forceQuit', keys: ['ctrl+c'], scope: 'savingPrompt', help: 'quit without waiting for the answer (press twice; the draft stays on disk)', hint: 'quit (twice)', prompt: '^C again quits (the draft is kept)' },

  { command: 'commit', keys: ['enter'], scope: 'edit', help: 'keep the value', hint: 'keep' },
  { command: 'cancel', keys: ['esc', 'ctrl+c'], scope: 'edit', help: 'cancel the edit', hint: 'cancel' },
  { command: 'commitSave', keys: ['ctrl+s'], scope: 'edit', help: 'keep the value and save', writes: true },

  // A PEM field asks for a file path (or a paste of the certificate itself); ^E here opens $EDITOR, not end of line.
  { command: 'load', keys: ['enter'], scope: 'pemPrompt', help: 'load the PEM from the file at the typed path', hint: 'load file', prompt: 'PEM: type a file path and Enter to load it' },
  { command: 'editor', keys: ['ctrl+e'], scope: 'pemPrompt', help: 'open in $EDITOR (here End alone goes to the end of the line)', hint: '$EDITOR', prompt: '^E open in $EDITOR' },
  { command: 'cancel', keys: ['esc', 'ctrl+c'], scope: 'pemPrompt', help: 'cancel: the field keeps its value', hint: 'cancel', prompt: 'Esc cancels' },

  // The line-editing keys of every text prompt (a field, a map entry, a filter, a key field); a prompt's own scope comes first.
  { command: 'home', keys: ['home', 'ctrl+a'], scope: 'lineEdit', help: 'start of line' },
  { command: 'end', keys: ['end', 'ctrl+e'], scope: 'lineEdit', help: 'end of line (^E opens $EDITOR in the PEM prompt)' },
  { command: 'clearBefore', keys: ['ctrl+u'], scope: 'lineEdit', help: 'delete to the start of the line' },
  { command: 'deleteWord', keys: ['ctrl+w'], scope: 'lineEdit', help: 'delete the previous word' },
  { command: 'left', keys: ['left'], scope: 'lineEdit', help: 'move the text cursor left' },
  { command: 'right', keys: ['right'], scope: 'lineEdit', help: 'move the text cursor right' },
  { command: 'backspace', keys: ['backspace'], scope: 'lineEdit', help: 'delete the character before the cursor' },

  { command: 'commit', keys: ['enter'], scope: 'mapEntry', help: 'keep the entry', hint: 'keep' },
  { command: 'cancel', keys: ['esc', 'ctrl+c'], scope: 'mapEntry', help: 'cancel the entry', hint: 'cancel' },

  { command: 'done', keys: ['enter', 'down'], scope: 'flagsFilter', help: 'done filtering: back to the grid, the filter stays', hint: 'done' },
  { command: 'clear', keys: ['esc', 'ctrl+c'], scope: 'flagsFilter', help: 'clear the filter, back to the grid', hint: 'clear' },

  { command: 'up', keys: ['up', 'k'], scope: 'map', help: 'previous entry' },
  { command: 'down', keys: ['down', 'j'], scope: 'map', help: 'next entry', hint: 'move', rank: 4 },
  ...pageAndEnds('map', 'entry'),
  { command: 'editValue', keys: ['enter', 'space'], scope: 'map', help: 'edit the value (on/off for flags)', hint: 'edit', rank: 2 },
  { command: 'editKey', keys: ['r'], scope: 'map', help: 'rename the entry', hint: 'rename', rank: 3 },
  { command: 'add', keys: ['a', '+'], scope: 'map', help: 'add an entry', hint: 'add', rank: 2 },
  { command: 'delete', keys: ['d', 'delete'], scope: 'map', help: 'delete the entry', hint: 'delete', rank: 2 },
  { command: 'done', keys: ['esc', 'q', 'ctrl+c'], scope: 'map', help: 'done: keep the changes in the form', hint: 'done', rank: 1 },

  { command: 'left', keys: ['left', 'h'], scope: 'flags', help: 'move left' },
  { command: 'right', keys: ['right', 'l'], scope: 'flags', help: 'move right' },
  { command: 'up', keys: ['up', 'k'], scope: 'flags', help: 'move up' },
  { command: 'down', keys: ['down', 'j'], scope: 'flags', help: 'move down', hint: 'move', rank: 4 },
  { command: 'pageUp', keys: ['pageup', 'ctrl+b'], scope: 'flags', help: 'page up' },
  { command: 'pageDown', keys: ['pagedown', 'ctrl+f'], scope: 'flags', help: 'page down' },
  { command: 'first', keys: ['g', 'home'], scope: 'flags', help: 'first request type' },
  { command: 'last', keys: ['G', 'end'], scope: 'flags', help: 'last request type' },
  { command: 'toggle', keys: ['space', 'enter'], scope: 'flags', help: 'allow/deny the request type', hint: 'toggle', rank: 2 },
  { command: 'allOn', keys: ['A'], scope: 'flags', help: 'allow all shown', hint: 'all on', rank: 3 },
  { command: 'allOff', keys: ['N'], scope: 'flags', help: 'deny all shown', hint: 'all off', rank: 3 },
  { command: 'invert', keys: ['I'], scope: 'flags', help: 'invert all shown', hint: 'invert', rank: 3 },
  { command: 'mode', keys: ['M'], scope: 'flags', help: 'switch: absent (everything allowed) / only the listed flags', hint: 'mode', rank: 2 },
  { command: 'filter', keys: ['/'], scope: 'flags', help: 'filter request types', hint: 'filter', rank: 2 },
  { command: 'done', keys: ['esc', 'q', 'ctrl+c'], scope: 'flags', help: 'done: keep the changes in the form', hint: 'done', rank: 1 },

  { command: 'up', keys: ['up', 'k'], scope: 'diff', help: 'scroll up' },
  { command: 'down', keys: ['down', 'j'], scope: 'diff', help: 'scroll down', hint: 'scroll', rank: 4 },
  { command: 'pageUp', keys: ['pageup', 'ctrl+b'], scope: 'diff', help: 'page up' },
  { command: 'pageDown', keys: ['pagedown', 'ctrl+f', 'space'], scope: 'diff', help: 'page down' },
  { command: 'first', keys: ['g', 'home'], scope: 'diff', help: 'top' },
  { command: 'last', keys: ['G', 'end'], scope: 'diff', help: 'bottom' },
  { command: 'confirm', keys: ['y', 'enter'], scope: 'diff', help: 'save these changes', hint: 'save', rank: 1 },
  { command: 'cancel', keys: ['esc', 'n', 'q', 'ctrl+c'], scope: 'diff', help: 'back to the form, nothing sent', hint: 'cancel', rank: 1 },

  { command: 'up', keys: ['up', 'k'], scope: 'conflict', help: 'scroll up' },
  { command: 'down', keys: ['down', 'j'], scope: 'conflict', help: 'scroll down', hint: 'scroll', rank: 4 },
  { command: 'pageUp', keys: ['pageup', 'ctrl+b'], scope: 'conflict', help: 'page up' },
  { command: 'pageDown', keys: ['pagedown', 'ctrl+f', 'space'], scope: 'conflict', help: 'page down' },
  { command: 'first', keys: ['g', 'home'], scope: 'conflict', help: 'top' },
  { command: 'last', keys: ['G', 'end'], scope: 'conflict', help: 'bottom' },
  { command: 'reapply', keys: ['r', 'enter'], scope: 'conflict', help: 'reload the gateway copy and re-apply my edits', hint: 'reload+reapply', rank: 2 },
  { command: 'overwrite', keys: ['o'], scope: 'conflict', help: 'overwrite the gateway copy with mine', hint: 'overwrite', rank: 2 },
  { command: 'cancel', keys: ['esc', 'c', 'q', 'ctrl+c'], scope: 'conflict', help: 'cancel, nothing sent', hint: 'cancel', rank: 1 },

  { command: 'up', keys: ['up', 'k'], scope: 'keys', help: 'previous key' },
  { command: 'down', keys: ['down', 'j'], scope: 'keys', help: 'next key', hint: 'move', rank: 4 },
  ...pageAndEnds('keys', 'key'),
  { command: 'mark', keys: ['space'], scope: 'keys', help: 'mark/unmark the key (enable/disable/re-weight/delete act on all marked)', hint: 'mark', rank: 3 },
  { command: 'edit', keys: ['enter', 'e'], scope: 'keys', help: 'edit the key: its fields one by one', hint: 'edit', rank: 2 },
  { command: 'add', keys: ['a'], scope: 'keys', help: 'add a key', hint: 'add', rank: 2, writes: true },
  { command: 'rotate', keys: ['R'], scope: 'keys', help: 'rotate: replace only the value', hint: 'rotate', rank: 3, writes: true },
  { command: 'enable', keys: ['+'], scope: 'keys', help: 'enable the key(s)', hint: 'on', rank: 2, writes: true },
  { command: 'disable', keys: ['-'], scope: 'keys', help: 'disable the key(s)', hint: 'off', rank: 2, writes: true },
  { command: 'weight', keys: ['w'], scope: 'keys', help: 're-weight the key(s)', hint: 'weight', rank: 3, writes: true },
  { command: 'delete', keys: ['d'], scope: 'keys', help: 'delete the key(s) (asks, naming them: y deletes)', hint: 'delete', rank: 2, writes: true },
  { command: 'refresh', keys: ['r'], scope: 'keys', help: 'reload the keys' },
  { command: 'back', keys: ['esc', 'q'], scope: 'keys', help: 'back', hint: 'back', rank: 1 },

  { command: 'up', keys: ['up', 'k'], scope: 'keyForm', help: 'previous field' },
  { command: 'down', keys: ['down', 'j'], scope: 'keyForm', help: 'next field', hint: 'move', rank: 4 },
  ...pageAndEnds('keyForm', 'field'),
  { command: 'editField', keys: ['enter', 'space'], scope: 'keyForm', help: 'edit the field (secrets start empty: typing replaces, Esc keeps)', hint: 'edit', rank: 2, writes: true },
  { command: 'back', keys: ['esc', 'q'], scope: 'keyForm', help: 'back to the keys', hint: 'back', rank: 1 },

  { command: 'mode', keys: ['M'], scope: 'allowList', help: 'mode: all models / only the listed ones / no models (serves nothing)', hint: 'mode', rank: 2 },

  { command: 'commit', keys: ['enter'], scope: 'keyInput', help: 'use this text', hint: 'ok' },
  { command: 'cancel', keys: ['esc', 'ctrl+c'], scope: 'keyInput', help: 'cancel, nothing sent', hint: 'cancel' },

  { command: 'authKey', keys: ['K'], scope: 'list', help: 'enter an API key, or a locked gateway\'s setup token, for this session (after a 401/403)' },

  { command: 'up', keys: ['up', 'k'], scope: 'profiles', help: 'previous profile' },
  { command: 'down', keys: ['down', 'j'], scope: 'profiles', help: 'next profile', hint: 'move', rank: 4 },
  { command: 'pageUp', keys: ['pageup', 'ctrl+b'], scope: 'profiles', help: 'page up' },
  { command: 'pageDown', keys: ['pagedown', 'ctrl+f'], scope: 'profiles', help: 'page down' },
  { command: 'first', keys: ['g', 'home'], scope: 'profiles', help: 'first profile' },
  { command: 'last', keys: ['G', 'end'], scope: 'profiles', help: 'last profile' },
  { command: 'switch', keys: ['enter'], scope: 'profiles', help: 'switch to this profile', hint: 'switch', rank: 1 },
  { command: 'add', keys: ['a'], scope: 'profiles', help: 'add a profile', hint: 'add', rank: 2 },
  { command: 'edit', keys: ['e'], scope: 'profiles', help: 'edit the profile', hint: 'edit', rank: 2 },
  { command: 'delete', keys: ['d'], scope: 'profiles', help: 'delete the profile (asks first: y deletes)', hint: 'delete', rank: 2 },
  { command: 'setDefault', keys: ['u'], scope: 'profiles', help: 'use as the default profile', hint: 'default', rank: 3 },
  { command: 'test', keys: ['t'], scope: 'profiles', help: 'test the connection', hint: 'test', rank: 2 },
  { command: 'reveal', keys: ['v'], scope: 'profiles', help: 'show the last 4 characters of the key', hint: 'reveal', rank: 3 },
  { command: 'back', keys: ['esc', 'q'], scope: 'profiles', help: 'back to the providers', hint: 'back', rank: 1 },

  // One yes/no convention with the subcommands (state/yes-no.ts): only y is yes; Enter is no, as at the shell's [y/N].
  { command: 'yes', keys: ['y', 'Y'], scope: 'confirm', help: 'yes', hint: 'yes', rank: 1 },
  { command: 'no', keys: ['n', 'N', 'esc', 'enter'], scope: 'confirm', help: 'no (the default of [y/N]: Enter is no)', hint: 'no', rank: 1 },

  { command: 'next', keys: ['down', 'tab'], scope: 'profileForm', help: 'next field', hint: 'next' },
  { command: 'prev', keys: ['up', 'shift+tab'], scope: 'profileForm', help: 'previous field' },
  { command: 'change', keys: ['space', 'right'], scope: 'profileForm', help: 'change a choice or toggle (the auth mode, ...)', hint: 'change' },
  { command: 'changeBack', keys: ['left'], scope: 'profileForm', help: 'change a choice backwards' },
  { command: 'enter', keys: ['enter'], scope: 'profileForm', help: 'next field; on the last one, save' },
  { command: 'save', keys: ['ctrl+s'], scope: 'profileForm', help: 'save the profile', hint: 'save' },
  { command: 'clear', keys: ['ctrl+u'], scope: 'profileForm', help: 'clear the field' },
  { command: 'cancel', keys: ['esc'], scope: 'profileForm', help: 'cancel, nothing saved', hint: 'cancel' },
  // The first-run setup is the profile form with these two keys in front (nothing to go back to: Esc quits).
  { command: 'save', keys: ['ctrl+s'], scope: 'setup', help: 'test the connection, then save the profile and open it', hint: 'save' },
  { command: 'cancel', keys: ['esc'], scope: 'setup', help: 'quit, nothing saved', hint: 'quit', rank: 1 },

  { command: 'submit', keys: ['enter'], scope: 'keyPrompt', help: 'use this key', hint: 'use key' },
  { command: 'clear', keys: ['ctrl+u'], scope: 'keyPrompt', help: 'clear' },
  { command: 'cancel', keys: ['esc'], scope: 'keyPrompt', help: 'cancel', hint: 'cancel' },

  { command: 'up', keys: ['up', 'k'], scope: 'fleet', help: 'previous provider' },
  { command: 'down', keys: ['down', 'j'], scope: 'fleet', help: 'next provider', hint: 'move', rank: 4 },
  ...pageAndEnds('fleet', 'provider'),
  { command: 'left', keys: ['left', 'h'], scope: 'fleet', help: 'previous gateway' },
  { command: 'right', keys: ['right', 'l'], scope: 'fleet', help: 'next gateway', hint: 'gateway', hintKeys: '←→', rank: 4 },
  { command: 'open', keys: ['enter'], scope: 'fleet', help: 'field-level diff with what the row compares with (the baseline, or its fallback ◆)', hint: 'diff', rank: 2 },
  { command: 'baseline', keys: ['b'], scope: 'fleet', help: 'make the focused gateway the baseline: every row compares with it', hint: 'baseline', rank: 2 },
  { command: 'moveColumnLeft', keys: ['<'], scope: 'fleet', help: 'move the focused column left' },
  { command: 'moveColumnRight', keys: ['>'], scope: 'fleet', help: 'move the focused column right', hint: 'order', hintKeys: '< >' },
  { command: 'refresh', keys: ['r'], scope: 'fleet', help: 'read every gateway again', hint: 'refresh', rank: 3 },
  { command: 'back', keys: ['esc', 'q'], scope: 'fleet', help: 'back to the providers', hint: 'back', rank: 1 },

  { command: 'up', keys: ['up', 'k'], scope: 'fleetCell', help: 'previous field' },
  { command: 'down', keys: ['down', 'j'], scope: 'fleetCell', help: 'next field', hint: 'move', rank: 4 },
  ...pageAndEnds('fleetCell', 'field'),
  { command: 'left', keys: ['left', 'h'], scope: 'fleetCell', help: 'compare with the previous gateway (the one p pushes to)' },
  { command: 'right', keys: ['right', 'l'], scope: 'fleetCell', help: 'compare with the next gateway (the one p pushes to)', hint: 'other gateway' },
  { command: 'mark', keys: ['space'], scope: 'fleetCell', help: 'mark/unmark the field for a push', hint: 'mark', rank: 2 },
  { command: 'push', keys: ['p'], scope: 'fleetCell', help: 'push the marked fields (none marked: all) from the left gateway of the title to the right one, through the target\'s review', hint: 'push →', rank: 2 },
  { command: 'pushBack', keys: ['P'], scope: 'fleetCell', help: 'push the marked fields (none marked: all) the other way, from the right gateway to the left one, through the target\'s review', hint: 'push ←', rank: 2 },
  { command: 'back', keys: ['esc', 'q'], scope: 'fleetCell', help: 'back to the grid', hint: 'back', rank: 1 },

  { command: 'up', keys: ['up', 'k'], scope: 'writeReview', help: 'scroll up' },
  { command: 'down', keys: ['down', 'j'], scope: 'writeReview', help: 'scroll down', hint: 'scroll' },
  { command: 'pageUp', keys: ['pageup', 'ctrl+b'], scope: 'writeReview', help: 'page up' },
  { command: 'pageDown', keys: ['pagedown', 'ctrl+f', 'space'], scope: 'writeReview', help: 'page down' },
  { command: 'first', keys: ['g', 'home'], scope: 'writeReview', help: 'top' },
  { command: 'last', keys: ['G', 'end'], scope: 'writeReview', help: 'bottom' },
  { command: 'confirm', keys: ['y'], scope: 'writeReview', help: 'yes: write it (re-read right before, backed up first)', hint: 'yes', rank: 1 },
  { command: 'cancel', keys: ['n', 'enter', 'esc', 'q'], scope: 'writeReview', help: 'no: nothing is sent (only y writes)', hint: 'no', rank: 1 },

  { command: 'up', keys: ['up', 'k'], scope: 'writeConflict', help: 'scroll up' },
  { command: 'down', keys: ['down', 'j'], scope: 'writeConflict', help: 'scroll down', hint: 'scroll' },
  { command: 'pageUp', keys: ['pageup', 'ctrl+b'], scope: 'writeConflict', help: 'page up' },
  { command: 'pageDown', keys: ['pagedown', 'ctrl+f', 'space'], scope: 'writeConflict', help: 'page down' },
  { command: 'first', keys: ['g', 'home'], scope: 'writeConflict', help: 'top' },
  { command: 'last', keys: ['G', 'end'], scope: 'writeConflict', help: 'bottom' },
  { command: 'reapply', keys: ['r', 'enter'], scope: 'writeConflict', help: 'take their copy and review again (an edit is re-applied on it)', hint: 'review again', rank: 1 },
  { command: 'cancel', keys: ['esc', 'q'], scope: 'writeConflict', help: 'cancel, nothing sent', hint: 'cancel', rank: 1 },

  { command: 'back', keys: ['esc', 'enter', 'q'], scope: 'writeDone', help: 'back', hint: 'back', rank: 1 },

  { command: 'up', keys: ['up', 'k'], scope: 'history', help: 'newer version' },
  { command: 'down', keys: ['down', 'j'], scope: 'history', help: 'older version', hint: 'move' },
  { command: 'pageUp', keys: ['pageup', 'ctrl+b'], scope: 'history', help: 'a page of newer versions' },
  { command: 'pageDown', keys: ['pagedown', 'ctrl+f'], scope: 'history', help: 'a page of older versions' },
  { command: 'first', keys: ['g', 'home'], scope: 'history', help: 'newest' },
  { command: 'last', keys: ['G', 'end'], scope: 'history', help: 'oldest' },
  { command: 'restore', keys: ['enter'], scope: 'history', help: 'restore this version: review what it changes, then y', hint: 'restore', rank: 2 },
  { command: 'back', keys: ['esc', 'q'], scope: 'history', help: 'back', hint: 'back', rank: 1 },

  { command: 'resume', keys: ['r', 'enter'], scope: 'wholeEdit', help: 'resume the kept edit in $EDITOR', hint: 'resume', rank: 1 },
  { command: 'discard', keys: ['d'], scope: 'wholeEdit', help: 'discard the kept edit and start from the gateway\'s copy', hint: 'discard', rank: 1 },
  { command: 'back', keys: ['esc', 'q'], scope: 'wholeEdit', help: 'back (a kept edit stays on disk)', hint: 'back', rank: 1 },

  { command: 'next', keys: ['enter'], scope: 'newProvider', help: 'next: a built-in opens its form; any other name is a custom provider, whose base type is picked next', hint: 'next', rank: 1 },
  { command: 'cancel', keys: ['esc', 'ctrl+c'], scope: 'newProvider', help: 'cancel, nothing is created', hint: 'cancel', rank: 1 },

  { command: 'up', keys: ['up', 'k'], scope: 'newProviderBase', help: 'previous base type' },
  { command: 'down', keys: ['down', 'j'], scope: 'newProviderBase', help: 'next base type', hint: 'move' },
  { command: 'pageUp', keys: ['pageup', 'ctrl+b'], scope: 'newProviderBase', help: 'a page up' },
  { command: 'pageDown', keys: ['pagedown', 'ctrl+f'], scope: 'newProviderBase', help: 'a page down' },
  { command: 'first', keys: ['g', 'home'], scope: 'newProviderBase', help: 'first base type' },
  { command: 'last', keys: ['G', 'end'], scope: 'newProviderBase', help: 'last base type' },
  { command: 'next', keys: ['enter'], scope: 'newProviderBase', help: 'open the new provider\'s form with this base type (^S there creates it)', hint: 'next', rank: 1 },
  { command: 'back', keys: ['esc'], scope: 'newProviderBase', help: 'back to the name', hint: 'back', rank: 1 },
  { command: 'cancel', keys: ['ctrl+c'], scope: 'newProviderBase', help: 'cancel, nothing is created' },

  { command: 'history', keys: ['H'], scope: 'newProviderKnown', help: 'its saved versions: restore one of them (creates it again)', hint: 'history', rank: 1 },
  { command: 'next', keys: ['enter'], scope: 'newProviderKnown', help: 'set it up as a new provider instead', hint: 'new', rank: 2 },
  { command: 'back', keys: ['esc'], scope: 'newProviderKnown', help: 'back to the name', hint: 'back', rank: 1 },
  { command: 'cancel', keys: ['ctrl+c'], scope: 'newProviderKnown', help: 'cancel, nothing is created' },

  { command: 'help', keys: ['?'], scope: 'global', help: 'this help', hint: 'help', rank: 1 },
  { command: 'forceQuit', keys: ['ctrl+c'], scope: 'global', help: 'quit (asks when there are unsaved edits)' },
  { command: 'up', keys: ['up', 'k'], scope: 'help', help: 'scroll up' },
  { command: 'down', keys: ['down', 'j'], scope: 'help', help: 'scroll down', hint: 'scroll', rank: 4 },
  { command: 'pageUp', keys: ['pageup', 'ctrl+b'], scope: 'help', help: 'page up' },
  { command: 'pageDown', keys: ['pagedown', 'ctrl+f', 'space'], scope: 'help', help: 'page down' },
  { command: 'first', keys: ['g', 'home'], scope: 'help', help: 'top' },
  { command: 'last', keys: ['G', 'end'], scope: 'help', help: 'bottom' },
  { command: 'close', keys: ['esc', '?', 'q'], scope: 'help', help: 'close help', hint: 'close', rank: 1 },
];

/** Does this Ink key event match a key spec? */
export function matchesKey(spec: string, input: string, key: Key): boolean {
  if (spec.startsWith('ctrl+')) return key.ctrl && input === spec.slice(5);
  if (spec.startsWith('alt+')) return key.meta && input === spec.slice(4);
  switch (spec) {
    case 'up': return key.upArrow;
    case 'down': return key.downArrow;
    case 'left': return key.leftArrow;
    case 'right': return key.rightArrow;
    case 'pageup': return key.pageUp;
    case 'pagedown': return key.pageDown;
    case 'home': return key.home;
    case 'end': return key.end;
    case 'enter': return key.return;
    case 'esc': return key.escape;
    case 'tab': return key.tab && !key.shift;
    case 'shift+tab': return key.tab && key.shift;
    case 'space': return input === ' ' && !key.ctrl && !key.meta;
    case 'backspace': return key.backspace || key.delete;
    case 'delete': return key.delete;
    default: return input === spec && !key.ctrl && !key.meta;
  }
}

/** Is `alt+<ch>` bound anywhere? Then ESC followed by `ch` in one read is Alt+ch, not Esc then ch. */
export function hasAltBinding(ch: string, table: readonly Binding[] = KEYMAP): boolean {
  return table.some((b) => b.keys.includes(`alt+${ch}`));
}

/** The command bound to this key event in the first matching scope, or undefined. */
export function commandFor(scopes: readonly Scope[], input: string, key: Key, table: readonly Binding[] = KEYMAP): string | undefined {
  for (const scope of scopes) {
    for (const b of table) {
      if (b.scope === scope && b.keys.some((k) => matchesKey(k, input, key))) return b.command;
    }
  }
  return undefined;
}

/** How a key spec is printed in hints and help. */
export function keyLabel(spec: string): string {
  const names: Record<string, string> = {
    up: '↑', down: '↓', left: '←', right: '→', pageup: 'PgUp', pagedown: 'PgDn', home: 'Home', end: 'End',
    enter: 'Enter', esc: 'Esc', tab: 'Tab', 'shift+tab': 'S-Tab', space: 'Space', backspace: 'Bksp',
  };
  if (spec.startsWith('ctrl+')) return `^${spec.slice(5).toUpperCase()}`;
  if (spec.startsWith('alt+')) return `Alt+${spec.slice(4)}`;
  return names[spec] ?? spec;
}

/** The first key of a command in a scope, as printed (for a hint in a sentence), or `?` when unbound. */
export function keyOf(scope: Scope, command: string, table: readonly Binding[] = KEYMAP): string {
  const b = table.find((x) => x.scope === scope && x.command === command);
  return b ? keyLabel(b.keys[0]!) : '?';
}

/**
 * Footer hints for the given scopes, in table order. A binding whose keys an earlier scope already
 * binds is not shown: those keys do what the earlier scope says (as `commandFor` finds them).
 */
export function footerHints(scopes: readonly Scope[], table: readonly Binding[] = KEYMAP, shown: ShownFor = {}): Array<{ keys: string; label: string; rank: number }> {
  const out: Array<{ keys: string; label: string; rank: number }> = [];
  const taken = new Set<string>();
  for (const scope of scopes) {
    const bound = table.filter((b) => b.scope === scope).flatMap((b) => b.keys);
    for (const b of table) {
      if (b.scope !== scope || !b.hint || !offered(b, shown) || b.keys.every((k) => taken.has(k))) continue;
      const keys = b.hintKeys ?? (b.command === 'down' ? '↑↓/jk' : keyLabel(b.keys[0]!));
      out.push({ keys, label: b.hint, rank: b.rank ?? 3 });
    }
    for (const k of bound) taken.add(k);
  }
  return out;
}

/** The line a prompt scope shows: its bindings' prompt words, in table order. */
export function promptLine(scope: Scope, table: readonly Binding[] = KEYMAP, shown: ShownFor = {}): string {
  return table.filter((b) => b.scope === scope && b.prompt && offered(b, shown)).map((b) => b.prompt).join(' · ');
}

/** Bindings grouped by scope for the help overlay. */
export function helpSections(scopes: readonly Scope[], table: readonly Binding[] = KEYMAP, shown: ShownFor = {}): Array<{ scope: Scope; rows: Array<{ keys: string; help: string }> }> {
  return scopes.map((scope) => ({
    scope,
    rows: table.filter((b) => b.scope === scope && offered(b, shown)).map((b) => ({ keys: b.keys.map(keyLabel).join(' '), help: b.help })),
  }));
}

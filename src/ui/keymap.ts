/**
 * The one keymap table. Handlers, the footer hints and the `?` help overlay
 * are all driven from it, so they cannot disagree.
 */
import type { Key } from 'ink';

export type Scope = 'global' | 'list' | 'detail' | 'form' | 'edit' | 'flags' | 'diff' | 'conflict' | 'confirm' | 'profiles' | 'help';

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
}

export const KEYMAP: readonly Binding[] = [
  { command: 'up', keys: ['up', 'k'], scope: 'list', help: 'move up' },
  { command: 'down', keys: ['down', 'j'], scope: 'list', help: 'move down', hint: 'move' },
  { command: 'pageUp', keys: ['pageup', 'ctrl+b'], scope: 'list', help: 'page up' },
  { command: 'pageDown', keys: ['pagedown', 'ctrl+f'], scope: 'list', help: 'page down' },
  { command: 'first', keys: ['g', 'home'], scope: 'list', help: 'first provider' },
  { command: 'last', keys: ['G', 'end'], scope: 'list', help: 'last provider' },
  { command: 'open', keys: ['enter', 'right', 'l'], scope: 'list', help: 'open the provider', hint: 'open' },
  { command: 'filter', keys: ['/'], scope: 'list', help: 'filter by name or base type (Esc clears)', hint: 'filter' },
  { command: 'toggleUnconfigured', keys: ['a'], scope: 'list', help: 'show/hide built-ins not configured yet', hint: 'all' },
  { command: 'refresh', keys: ['r', 'ctrl+r'], scope: 'list', help: 'refresh from the gateway', hint: 'refresh' },
  { command: 'profiles', keys: ['P', ':'], scope: 'list', help: 'profiles: switch, add, edit, test', hint: 'profiles' },
  { command: 'quit', keys: ['q'], scope: 'list', help: 'quit', hint: 'quit' },
  { command: 'clearFilter', keys: ['esc'], scope: 'list', help: 'clear the filter' },

  { command: 'up', keys: ['up', 'k'], scope: 'detail', help: 'scroll up' },
  { command: 'down', keys: ['down', 'j'], scope: 'detail', help: 'scroll down', hint: 'scroll' },
  { command: 'pageUp', keys: ['pageup', 'ctrl+b'], scope: 'detail', help: 'page up' },
  { command: 'pageDown', keys: ['pagedown', 'ctrl+f'], scope: 'detail', help: 'page down' },
  { command: 'first', keys: ['g', 'home'], scope: 'detail', help: 'top' },
  { command: 'last', keys: ['G', 'end'], scope: 'detail', help: 'bottom' },
  { command: 'refresh', keys: ['r'], scope: 'detail', help: 'reload from the gateway', hint: 'reload' },
  { command: 'back', keys: ['esc', 'q', 'left', 'h'], scope: 'detail', help: 'back to the list', hint: 'back' },

  { command: 'help', keys: ['?'], scope: 'global', help: 'this help', hint: 'help' },
  { command: 'forceQuit', keys: ['ctrl+c'], scope: 'global', help: 'quit (asks when there are unsaved edits)' },
  { command: 'close', keys: ['esc', '?', 'q'], scope: 'help', help: 'close help', hint: 'close' },
];

/** Does this Ink key event match a key spec? */
export function matchesKey(spec: string, input: string, key: Key): boolean {
  if (spec.startsWith('ctrl+')) return key.ctrl && input === spec.slice(5);
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
    default: return input === spec && !key.ctrl && !key.meta;
  }
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
  return names[spec] ?? spec;
}

/** Footer hints for the given scopes, in table order. */
export function footerHints(scopes: readonly Scope[], table: readonly Binding[] = KEYMAP): Array<{ keys: string; label: string }> {
  const out: Array<{ keys: string; label: string }> = [];
  for (const scope of scopes) {
    for (const b of table) {
      if (b.scope !== scope || !b.hint) continue;
      const shown = b.command === 'down' ? '↑↓/jk' : keyLabel(b.keys[0]!);
      out.push({ keys: shown, label: b.hint });
    }
  }
  return out;
}

/** Bindings grouped by scope for the help overlay. */
export function helpSections(scopes: readonly Scope[], table: readonly Binding[] = KEYMAP): Array<{ scope: Scope; rows: Array<{ keys: string; help: string }> }> {
  return scopes.map((scope) => ({
    scope,
    rows: table.filter((b) => b.scope === scope).map((b) => ({ keys: b.keys.map(keyLabel).join(' '), help: b.help })),
  }));
}

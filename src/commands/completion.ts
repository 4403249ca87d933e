/**
 * Shell completion: `bifrost-tui completion bash|zsh|fish` prints a small
 * script that asks `bifrost-tui __complete WORD...` for the candidates of the
 * last word. Everything comes from the command tree (commands, options, option
 * values) and from local files (profile names, provider names this machine
 * has seen); completing never contacts a gateway.
 */
import { BUILTIN_PROVIDERS } from '../state/provider/provider-catalog.js';
import { EXIT } from '../state/exit-codes.js';
import type { Completion, OptionSpec, OptionTable } from '../state/cli/option-spec.js';
import { printable } from '../state/printable.js';
import { gatewayKey } from '../store/state-dir.js';
import { readProfileNames, seenProviderNames } from '../store/seen-providers.js';
import { allOptions, childByWord, findCommand, helpText, synopsis, visibleChildren } from './help.js';
import { type ProvidersDeps } from './command-context.js';
import { parseCommandArgs } from './command-args.js';
import { didYouMean } from '../state/cli/closest.js';
import { LEADING_OPTIONS } from './tree/app.js';
import { ROOT, SHELLS } from './tree/root.js';
import type { CommandSpec } from './tree/types.js';
import type { CommandIO } from './types.js';

/** What the scripts get: candidates (`value` or `value<TAB>description`), or a request for file names. */
export type Candidates = { kind: 'words'; words: string[] } | { kind: 'file' } | { kind: 'dir' };

interface Walked {
  node: CommandSpec;
  /** Positional arguments of the command given so far. */
  positionals: number;
  /** The option whose value is being completed. */
  pending?: OptionSpec;
  /** --profile / --url / --demo given on the line, for provider names. */
  given: Record<string, string | true>;
}

function optionsAt(node: CommandSpec): OptionTable {
  return node.children ? LEADING_OPTIONS : allOptions(node);
}

function findOption(table: OptionTable, word: string): [string, OptionSpec] | undefined {
  if (word.startsWith('--')) {
    const name = word.slice(2).split('=')[0]!;
    return Object.hasOwn(table, name) ? [name, table[name]!] : undefined;
  }
  const ch = word.slice(-1);
  return Object.entries(table).find(([, o]) => o.short === ch);
}

/** Walks the words before the one being completed. */
function walk(words: readonly string[]): Walked {
  const w: Walked = { node: ROOT, positionals: 0, given: {} };
  let pendingName: string | undefined;
  for (const word of words) {
    if (w.pending) {
      if (pendingName) w.given[pendingName] = word;
      w.pending = undefined;
      pendingName = undefined;
      continue;
    }
    if (word.startsWith('-') && word !== '-' && word !== '--') {
      const found = findOption(optionsAt(w.node), word);
      if (!found) continue;
      const [name, spec] = found;
      if (spec.type === 'boolean') w.given[name] = true;
      else if (word.includes('=')) w.given[name] = word.slice(word.indexOf('=') + 1);
      else if (word.startsWith('--') || word.length === 2) {
        w.pending = spec;
        pendingName = name;
      }
      continue;
    }
    const child = w.node.children ? childByWord(w.node, word) : undefined;
    if (child) w.node = child;
    else w.positionals++;
  }
  return w;
}

function words(list: readonly string[], prefix: string, describe?: (w: string) => string | undefined): Candidates {
  const out = [...new Set(list)].filter((x) => x.startsWith(prefix)).map((x) => {
    const d = describe?.(x);
    return d ? `${x}\t${d}` : x;
  });
  return { kind: 'words', words: out };
}

/** The provider names for the gateway the line addresses: seen there, else the built-in names. */
function providerNames(given: Walked['given'], env: NodeJS.ProcessEnv, deps: ProvidersDeps): string[] {
  const dirs = { env, dir: deps.historyDir };
  const local = readProfileNames({ env });
  let gateway: string | undefined;
  if (given.demo === true) gateway = 'demo';
  else {
    const profile = (typeof given.profile === 'string' ? given.profile : undefined) ?? env.BIFROST_PROFILE;
    const url = (typeof given.url === 'string' ? given.url : undefined) ?? env.BIFROST_URL;
    const named = profile ?? (url ? undefined : local.defaultProfile);
    const profileUrl = named ? local.urls[named] : undefined;
    const overridden = Boolean(url) && url !== profileUrl;
    if (named || url) gateway = gatewayKey(overridden ? undefined : named, url || profileUrl || '');
  }
  const seen = gateway ? seenProviderNames(gateway, dirs) : [];
  return seen.length > 0 ? seen : [...BUILTIN_PROVIDERS];
}

function valuesOf(complete: Completion | undefined, current: string, given: Walked['given'], env: NodeJS.ProcessEnv, deps: ProvidersDeps): Candidates {
  if (complete === undefined) return { kind: 'words', words: [] };
  if (complete === 'file') return { kind: 'file' };
  if (complete === 'dir') return { kind: 'dir' };
  if (complete === 'provider') return words(providerNames(given, env, deps), current);
  const profiles = readProfileNames({ env }).names;
  if (complete === 'profile') return words(profiles, current);
  if (complete === 'profiles') {
    // a,b,c: complete the part after the last comma, keeping the ones before.
    const cut = current.lastIndexOf(',') + 1;
    const done = current.slice(0, cut);
    const taken = new Set(done.split(',').filter(Boolean));
    return words(profiles.filter((p) => !taken.has(p)).map((p) => done + p), current);
  }
  return words(complete, current);
}

/** Candidates for the last of `line` (the words after `bifrost-tui`; the last may be empty). */
export function completeLine(line: readonly string[], env: NodeJS.ProcessEnv, deps: ProvidersDeps = {}): Candidates {
  const current = line.length > 0 ? line[line.length - 1]! : '';
  const w = walk(line.slice(0, -1));
  if (w.pending) return valuesOf(w.pending.complete, current, w.given, env, deps);
  if (current.startsWith('-')) {
    const table = optionsAt(w.node);
    const names = Object.entries(table).filter(([, o]) => !o.hidden).map(([n]) => `--${n}`);
    return words(names, current, (n) => table[n.slice(2)]?.help);
  }
  if (w.node.children) {
    const kids = visibleChildren(w.node);
    return words(kids.map((c) => c.name), current, (n) => kids.find((c) => c.name === n)?.summary);
  }
  const args = w.node.args ?? [];
  const arg = args[w.positionals] ?? (args.length > 0 && args[args.length - 1]!.repeat ? args[args.length - 1] : undefined);
  if (w.node.name === 'help') {
    // help COMMAND...: the command words.
    const target = walk(line.slice(1, -1)).node;
    return words(visibleChildren(target).map((c) => c.name), current);
  }
  return valuesOf(arg?.complete, current, w.given, env, deps);
}

/** `bifrost-tui __complete WORD...`: one candidate per line, or `:file` / `:dir`. */
export function runComplete(line: readonly string[], io: CommandIO, deps: ProvidersDeps = {}): number {
  const c = completeLine(line, io.env, deps);
  if (c.kind !== 'words') io.stdout.write(`:${c.kind}\n`);
  // A name with a line break or a control character would break the script's reading: leave it out.
  else io.stdout.write(c.words.filter((x) => printable(x.replace('\t', ' ')) === x.replace('\t', ' ')).map((x) => `${x}\n`).join(''));
  return EXIT.ok;
}

const BASH = `# bash completion for bifrost-tui: add  source <(bifrost-tui completion bash)  to ~/.bashrc
_bifrost_tui_complete() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" out
  out=$(bifrost-tui __complete "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null) || return
  case "$out" in
    :file) compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "$cur"); return ;;
    :dir) compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -d -- "$cur"); return ;;
  esac
  mapfile -t COMPREPLY < <(printf '%s\\n' "$out" | cut -f1 | sed '/^$/d')
}
complete -F _bifrost_tui_complete bifrost-tui
`;

const ZSH = `#compdef bifrost-tui
# zsh completion for bifrost-tui: add  source <(bifrost-tui completion zsh)  to ~/.zshrc (after compinit)
_bifrost_tui() {
  local -a lines described
  local line name
  lines=("\${(@f)$(bifrost-tui __complete "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  case "\${lines[1]}" in
    :file) _files; return ;;
    :dir) _files -/; return ;;
  esac
  for line in "\${lines[@]}"; do
    [[ -z "$line" ]] && continue
    name="\${line%%$'\\t'*}"
    if [[ "$line" == *$'\\t'* ]]; then
      described+=("\${name//:/\\\\:}:\${line#*$'\\t'}")
    else
      described+=("\${name//:/\\\\:}")
    fi
  done
  _describe -t values 'bifrost-tui' described
}
if (( $+functions[compdef] )); then compdef _bifrost_tui bifrost-tui; fi
`;

const FISH = `# fish completion for bifrost-tui: bifrost-tui completion fish > ~/.config/fish/completions/bifrost-tui.fish
function __bifrost_tui_complete
    set -l before (commandline -opc)
    set -l current (commandline -ct)
    set -l out (bifrost-tui __complete $before[2..-1] "$current" 2>/dev/null)
    switch "$out[1]"
        case ':file'
            __fish_complete_path "$current"
        case ':dir'
            __fish_complete_directories "$current"
        case '*'
            printf '%s\\n' $out
    end
end
complete -c bifrost-tui -f -a '(__bifrost_tui_complete)'
`;

/** The completion script of a shell. */
export function completionScript(shell: (typeof SHELLS)[number]): string {
  return shell === 'bash' ? BASH : shell === 'zsh' ? ZSH : FISH;
}

/** `bifrost-tui completion bash|zsh|fish`. */
export function runCompletion(argv: readonly string[], io: CommandIO): number {
  const fail = (message: string): number => {
    io.stderr.write(`bifrost-tui: ${printable(message)}\n`);
    return EXIT.usage;
  };
  let parsed;
  try {
    parsed = parseCommandArgs([...argv], ['completion'], findCommand(['completion'])!);
  } catch (err) {
    return fail((err as Error).message);
  }
  if (parsed.flags.help) {
    io.stdout.write(helpText(['completion']));
    return EXIT.ok;
  }
  const [shell, extra] = parsed.args;
  if (shell === undefined || extra !== undefined) return fail(`usage: ${synopsis(['completion'], findCommand(['completion'])!)[0]}`);
  if (!(SHELLS as readonly string[]).includes(shell)) {
    return fail(`unknown shell '${shell}'${didYouMean(shell, SHELLS)} (bash, zsh or fish)`);
  }
  io.stdout.write(completionScript(shell as (typeof SHELLS)[number]));
  return EXIT.ok;
}

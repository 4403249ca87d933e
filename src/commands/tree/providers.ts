/** `bifrost-tui providers …`: the command specs (help, options, completion); the runners are in ../providers.ts. */
import { EXIT } from '../../state/exit-codes.js';
import { DESCRIPTORS } from '../../state/provider/descriptors.js';
import { COMMON, CONNECTION, OUTPUT, READ_EXITS, WRITE_EXITS, WRITING } from './groups.js';
import type { CommandSpec } from './types.js';

const NAME = { name: 'NAME', complete: 'provider' } as const;
const READ_GROUPS = [OUTPUT, CONNECTION, COMMON];
const WRITE_GROUPS = [WRITING, OUTPUT, CONNECTION, COMMON];

const WRITE_NOTE = `Writing: shows the diff, then asks "y" on a terminal; without a terminal pass --yes.
A read-only profile refuses. The provider as it was is backed up first (see
providers history), then the complete object is sent with PUT; the line after a
save names the backup and the restore command that undoes it.`;

const list: CommandSpec = {
  name: 'list',
  aliases: ['ls'],
  summary: 'configured providers: name, kind, status, base URL, concurrency, note',
  description: `Lists the providers configured on the gateway: NAME, KIND (built-in, or custom
with its base type), STATUS (active/error), BASE URL ("default" = the provider's
built-in URL), CONC/BUF (concurrency/buffer size) and NOTE (e.g. list_models_failed).
json/yaml: {"providers": [{name, kind, base_provider_type, provider_status, status,
description, base_url, concurrency, buffer_size}], "total": N}, where kind is
"built-in" or "custom" and base_provider_type the custom provider's base (else null).
Nothing is cut when stdout is not a terminal.`,
  groups: READ_GROUPS,
  exits: READ_EXITS,
  examples: [
    'bifrost-tui providers list --profile prod',
    "bifrost-tui --url http://localhost:8080 providers list -o json | jq -r '.providers[].name'",
  ],
};

const get: CommandSpec = {
  name: 'get',
  summary: 'one provider as the gateway returns it',
  args: [NAME],
  description: `Shows one provider. table: one "path: value" line per field, secrets masked.
json/yaml: the object exactly as the gateway returned it (its redacted secrets stay
redacted). For the editable document that apply takes, see providers export.`,
  groups: READ_GROUPS,
  exits: READ_EXITS,
  examples: ['bifrost-tui providers get anthropic --profile prod', 'bifrost-tui providers get openai -o yaml'],
};

const exportCmd: CommandSpec = {
  name: 'export',
  summary: 'the editable object: a complete PUT body, as a file apply takes',
  args: [NAME],
  synopsis: ['NAME [-o json|yaml] [--output-file FILE]', '--all --output-dir DIR'],
  description: `Prints the editable object: exactly what a PUT would send (read-only fields such as
name, provider_status, status, description and config_hash left out; unknown fields
and redacted secrets kept as received), plus one client-only key:
  "_bifrost_tui": {"exported_from": "<sha256>", "note": "...", "provider": NAME}
apply and diff strip this key and never send it; apply uses the sha256 (of the
provider as exported, normalized) to refuse when the provider changed on the
gateway since the export (exit 6; apply --force writes anyway). The real gateway
ignores unknown fields, so the file also stays a valid PUT body. Keys are sorted and there is no
timestamp: an unchanged provider exports byte-identical.
The format is json unless -o says yaml (apply reads both); -o table shows the same
fields as "path: value" lines. -o FILE (a file name, not a format) still writes
FILE as before, with a note: it is deprecated, use --output-file FILE.`,
  options: {
    'output-file': { type: 'string', value: 'FILE', help: 'write FILE (mode 0600, replaced atomically) instead of stdout', complete: 'file' },
    all: { type: 'boolean', help: 'every provider, one NAME.json each in --output-dir DIR (config as files in git; also records the copies for drift checks by apply -f DIR)' },
    'output-dir': { type: 'string', value: 'DIR', help: 'the directory of --all', complete: 'dir' },
  },
  groups: READ_GROUPS,
  exits: [...READ_EXITS, [EXIT.changes, 'the file could not be written']],
  examples: [
    'bifrost-tui providers export acme-llm --output-file acme.json',
    'bifrost-tui providers export --all --output-dir gateway/ --profile staging',
  ],
};

const diff: CommandSpec = {
  name: 'diff',
  summary: 'what applying a file (or a directory) would change',
  args: [NAME],
  synopsis: ['NAME -f FILE', '-f DIR [--prune]'],
  description: `Shows, field by field, what apply would change (secrets masked). Warns (without
failing) when the provider changed on the gateway since FILE was exported, or when
apply would refuse. With -f DIR: the plan of apply -f DIR (create/update/delete per
provider, field counts, drift). Two equal masks prove nothing: where a file not
exported from this gateway holds the gateway's mask, the plan says "same mask,
cannot be verified", never the same.`,
  options: {
    file: { type: 'string', short: 'f', value: 'FILE', help: 'the document, JSON or YAML (- = stdin), or a directory of NAME.json files', complete: 'file' },
    prune: { type: 'boolean', help: 'with -f DIR: count providers DIR does not hold as deletions' },
  },
  groups: READ_GROUPS,
  exits: [
    [EXIT.ok, 'nothing would change'], [EXIT.changes, 'applying would change something'], ...READ_EXITS.slice(1),
    [EXIT.unverified, '-f DIR: nothing else would change, but a secret is the same mask on both sides or cannot be copied'],
  ],
  examples: ['bifrost-tui providers diff openai -f openai.json || echo "openai drifted"'],
};

const apply: CommandSpec = {
  name: 'apply',
  summary: 'make a provider match a file, or the gateway match a directory',
  args: [NAME],
  synopsis: ['NAME -f FILE [--yes] [--dry-run] [--force]', '-f DIR [--yes] [--dry-run] [--prune]'],
  description: `Makes NAME match FILE. NAME must already exist on the gateway (a PUT would create
it). FILE may be partial: it is merged onto the provider as fetched, and the
complete object is sent. Merge rules:
  - objects (network_config, proxy_config, ...) merge key by key;
  - null sets null (e.g. "proxy_config": null removes the proxy);
  - arrays, maps (extra_headers, beta_header_overrides, allowed_requests,
    request_path_overrides) and secret values are replaced as a whole: list every
    header/flag/override you want to keep;
  - name, provider_status, status, description, config_hash are ignored;
    "keys" is refused (keys have their own endpoints);
  - a top-level field that is neither on the gateway's copy nor known to this
    client (a typo such as netwrk_config) is refused with the closest field name;
  - a redacted secret that is not the gateway's current mask is never sent: the
    gateway's current secret is kept, and a note says so.
Values are checked with the editor's rules (exit 3).
With -f DIR (desired state, like kubectl apply): prints the plan, asks once, then
writes each changed provider with its own re-read and conflict check; a failure
does not stop the others. Files from another gateway are not conflicts; drift (this
gateway changed since DIR was last exported from / applied to it) is marked in the
plan and applied only when confirmed (--yes says so). A new provider is created
with POST after a backup that says it did not exist. Secrets that cannot be copied,
or whose masks are the same on both sides (cannot be verified), are left as they are
and listed per field.

${WRITE_NOTE}`,
  options: {
    file: { type: 'string', short: 'f', value: 'FILE', help: 'the document, JSON or YAML (- = stdin; then --yes is needed), or a directory', complete: 'file' },
    force: { type: 'boolean', help: 'write even if the provider changed since FILE was exported, or FILE has fields no one knows' },
    prune: { type: 'boolean', help: 'with -f DIR: also delete providers DIR does not hold (listed in the plan)' },
  },
  groups: WRITE_GROUPS,
  exits: [
    ...WRITE_EXITS, [EXIT.partial, 'apply -f DIR: some providers were written, some failed'],
    [EXIT.unverified, 'apply -f DIR: all applied, but a secret was left as the gateway has it (listed per field)'],
  ],
  examples: [
    'bifrost-tui providers apply openai -f openai.json --dry-run',
    `echo '{"network_config":{"max_retries":3}}' | bifrost-tui providers apply openai -f - --yes`,
    'bifrost-tui providers apply -f gateway/ --profile prod --yes --prune',
  ],
};

const settablePaths = (): string =>
  DESCRIPTORS.map((d) => `  ${d.id}${d.kind === 'map' || d.kind === 'flags' ? '[.KEY]' : ''}`).join('\n');

const set: CommandSpec = {
  name: 'set',
  summary: 'quick edits of single fields',
  args: [NAME, { name: 'path=value', repeat: true, optional: true }],
  synopsis: ['NAME path=value ... [--unset PATH ...] [--yes] [--dry-run]'],
  description: () => `Quick edits: each value is read like the editor reads typed text: numbers (2s/500ms
for backoffs), true/false/on/off, text, env.NAME references. Maps and flags take one
entry: network_config.extra_headers.X-Team=platform,
custom_provider_config.allowed_requests.embedding=false (from "all allowed", the
other flags stay allowed). allowed_requests=all makes every request type allowed.
--unset PATH resets a field to the gateway default (like the editor's reset);
--unset PATH.KEY removes a map entry (a removed flag is denied).

${WRITE_NOTE}

Paths:
${settablePaths()}`,
  options: {
    unset: { type: 'string', multiple: true, value: 'PATH', help: 'reset a field to the gateway default, or remove a map entry (PATH.KEY); repeatable' },
  },
  groups: WRITE_GROUPS,
  exits: WRITE_EXITS,
  examples: [
    'bifrost-tui providers set openai network_config.max_retries=3 --yes',
    'bifrost-tui providers set acme-llm custom_provider_config.allowed_requests.embedding=false --dry-run',
    'bifrost-tui providers set openai --unset network_config.extra_headers.X-Team --yes',
  ],
};

const edit: CommandSpec = {
  name: 'edit',
  summary: 'the whole provider in $EDITOR, then review and write it (like kubectl edit)',
  args: [NAME],
  synopsis: ['NAME [--format yaml|json] [--yes] [--dry-run]'],
  description: `Opens the editable object of NAME (what export prints, without its metadata) in
$VISUAL, else $EDITOR, else vi, as YAML (--format json, or BIFROST_TUI_EDIT_FORMAT=json,
for JSON). Lines starting with # are ignored; secrets stay masked (leave a mask to
keep that secret, replace it with the new value or env.NAME to change it). On save
the file is read and checked with the editor's rules; a file that cannot be used
(bad syntax, a value out of range, a field no one knows, a changed read-only field)
opens again with the reasons at the top; saving it again unchanged stops (exit 3). If
NAME changed on the gateway meanwhile, the file opens again with that change in and
your edits re-applied on top. An unchanged file writes nothing; an emptied file gives
the edit up. Then as apply: the diff, y (or --yes), a re-read right before the PUT,
a backup. Until then the file is kept in the state directory (edits/), so an edit
cut short (an editor that failed, a dropped session, "n") is resumed by the next
providers edit NAME, or e in the app.

${WRITE_NOTE}`,
  options: { format: { type: 'string', value: 'FORMAT', help: 'yaml (default) or json; else $BIFROST_TUI_EDIT_FORMAT', complete: ['yaml', 'json'] } },
  groups: WRITE_GROUPS,
  exits: WRITE_EXITS,
  examples: ['bifrost-tui providers edit openai --profile staging', 'EDITOR=nano bifrost-tui providers edit acme-llm --format json'],
};

const history: CommandSpec = {
  name: 'history',
  summary: 'saved versions (backups taken before every write), newest first',
  args: [NAME],
  description: `Lists the versions of NAME saved on this machine before each write (apply, set,
restore, and the editor), newest first, for the current gateway (profile or URL).
No request is made to the gateway.`,
  groups: READ_GROUPS,
  exits: READ_EXITS,
  examples: ['bifrost-tui providers history openai --profile prod'],
};

const restore: CommandSpec = {
  name: 'restore',
  summary: 'put a saved version back',
  args: [NAME],
  synopsis: ['NAME [--at ID] [--yes] [--dry-run]'],
  description: `Puts a saved version back (default: the newest), through the same diff, checks,
confirmation and backup as apply. Every writable field becomes the saved one.
Redacted secrets in the saved version are sent back as saved, which keeps the
gateway's secret when it has not changed since; a secret changed since then cannot
be restored from a mask, so the current one is kept (and said so).

${WRITE_NOTE}`,
  options: { at: { type: 'string', value: 'ID', help: 'the version to restore (see providers history)' } },
  groups: WRITE_GROUPS,
  exits: WRITE_EXITS,
  examples: ['bifrost-tui providers restore openai --at 20261126T140733123Z --yes'],
};

export const PROVIDERS: CommandSpec = {
  name: 'providers',
  summary: 'read and change provider configuration from scripts',
  description: `Every command takes the connection options (--profile, --url, --api-key, --timeout,
--demo), before or after the command words. Read commands print a table, or data
with -o json|yaml (--json is -o json); errors stay on stderr.`,
  children: [list, get, exportCmd, diff, apply, set, edit, history, restore],
  examples: [
    'bifrost-tui providers list --profile prod',
    'bifrost-tui providers export openai --output-file openai.json && $EDITOR openai.json',
    'bifrost-tui providers diff openai -f openai.json',
    'bifrost-tui providers apply openai -f openai.json --yes',
    'bifrost-tui providers set openai network_config.max_retries=3 --yes',
  ],
};

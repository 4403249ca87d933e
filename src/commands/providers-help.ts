/** Help texts of `bifrost-tui providers ...` (exported for tests and docs). */
import { DESCRIPTORS } from '../state/provider/descriptors.js';

const GLOBAL = `Connection and output (every command):
  --profile NAME     use a stored profile (env BIFROST_PROFILE)
  --url URL          gateway base URL (env BIFROST_URL)
  --api-key KEY      management API key, sent as Bearer; prefer env BIFROST_API_KEY or a profile
                     (--api-key is hidden from ps at start but stays in shell history)
  --demo             run against an embedded demo gateway (started for this command only)
  --timeout MS       read timeout in ms (writes wait at least 30 s)
  --json             machine-readable output on stdout (errors stay on stderr)
  --no-color         accepted for symmetry; subcommand output has no colour
  -q, --quiet        no notes or diffs on success; errors are still printed
  -h, --help         this help`;

const EXITS = `Exit codes: 0 ok (diff: no changes), 1 changes found / refused (no --yes, read-only
profile, not confirmed), 2 usage, 3 validation (local or the gateway's 400), 4 auth (401/403),
5 not found, 6 conflict (changed on the gateway since export), 7 gateway or network error.`;

const WRITE = `Writing: shows the diff, then asks "y" on a terminal; without a terminal pass --yes.
A read-only profile refuses. The provider as it was is backed up first
(see \`providers history\`), then the complete object is sent with PUT.
  -y, --yes          do not ask
  --dry-run          print the diff and the exact body (secrets masked); write nothing`;

export const PROVIDERS_HELP = `bifrost-tui providers: read and change provider configuration from scripts

Usage: bifrost-tui providers <command> [args] [flags]

Commands:
  list                         configured providers: name, kind, status, base URL, concurrency, note
  get NAME                     one provider as the gateway returns it (secrets masked in text)
  export NAME [-o FILE]        the editable object as JSON (a complete PUT body)
  diff NAME -f FILE            what applying FILE would change (exit 1 when it changes something)
  apply NAME -f FILE           change the provider to match FILE (partial files merge)
  set NAME path=value ...      quick edits of single fields
  history NAME                 saved versions (backups taken before every write), newest first
  restore NAME [--at ID]       put a saved version back

${GLOBAL}

${EXITS}

Examples:
  bifrost-tui providers list --profile prod
  bifrost-tui providers export openai -o openai.json && $EDITOR openai.json
  bifrost-tui providers diff openai -f openai.json
  bifrost-tui providers apply openai -f openai.json --yes
  bifrost-tui providers set openai network_config.max_retries=3 --yes

Run \`bifrost-tui providers <command> --help\` for details.
`;

export const LIST_HELP = `Usage: bifrost-tui providers list [--json]

Lists the providers configured on the gateway: NAME, KIND (built-in or custom (base)),
STATUS (active/error), BASE URL ("default" = the provider's built-in URL),
CONC/BUF (concurrency/buffer size) and NOTE (e.g. list_models_failed).
--json prints {"providers": [{name, kind, provider_status, status, description,
base_url, concurrency, buffer_size}], "total": N}.

${GLOBAL}

Example:
  bifrost-tui providers list --url http://localhost:8080 --json | jq -r '.providers[].name'
`;

export const GET_HELP = `Usage: bifrost-tui providers get NAME [--json]

Shows one provider. Text: one "path: value" line per field, secrets masked.
--json: the object exactly as the gateway returned it (its redacted secrets stay redacted).

${GLOBAL}

Example:
  bifrost-tui providers get anthropic --profile prod
`;

export const EXPORT_HELP = `Usage: bifrost-tui providers export NAME [-o FILE]
       bifrost-tui providers export --all -o DIR

Prints the editable object: exactly what a PUT would send (read-only fields such as
name, provider_status, status, description and config_hash left out; unknown fields and
redacted secrets kept as received), plus one client-only key:
  "_bifrost_tui": {"exported_from": "<sha256>", "note": "...", "provider": NAME}
\`apply\` and \`diff\` strip this key and never send it; \`apply\` uses the sha256
(of the provider as exported, normalized) to refuse when the provider changed on the
gateway since the export (exit 6, or --force). The real gateway ignores unknown
fields, so the file also stays a valid PUT body.
Keys are sorted and there is no timestamp: an unchanged provider exports byte-identical.
  -o, --output FILE  write FILE (mode 0600) instead of stdout
  --all              every provider, one NAME.json each in -o DIR (config as files in git;
                     also records the gateway's copies for drift checks by apply -f DIR)

${GLOBAL}

Example:
  bifrost-tui providers export acme-llm -o acme.json
`;

export const DIFF_HELP = `Usage: bifrost-tui providers diff NAME -f FILE
       bifrost-tui providers diff -f DIR [--prune]

Shows, field by field, what \`apply\` would change (secrets masked). Exit 0 when
nothing would change, 1 when something would. Warns (without failing) when the
provider changed on the gateway since FILE was exported, or when apply would refuse.
  -f, --file FILE    the document (- = stdin)
With -f DIR: the plan of \`apply -f DIR\` (create/update/delete per provider, field
counts, drift); exit 1 when applying would change anything.
  --prune            count providers DIR does not hold as deletions

${GLOBAL}

Example:
  bifrost-tui providers diff openai -f openai.json || echo "openai drifted"
`;

export const APPLY_HELP = `Usage: bifrost-tui providers apply NAME -f FILE [--yes] [--dry-run] [--force]
       bifrost-tui providers apply -f DIR [--yes] [--dry-run] [--prune]

Makes NAME match FILE. NAME must already exist on the gateway (a PUT would create it).
FILE may be partial: it is merged onto the provider as fetched, and the complete
object is sent. Merge rules:
  - objects (network_config, proxy_config, ...) merge key by key;
  - null sets null (e.g. "proxy_config": null removes the proxy);
  - arrays, maps (extra_headers, beta_header_overrides, allowed_requests,
    request_path_overrides) and secret values are replaced as a whole: list every
    header/flag/override you want to keep;
  - name, provider_status, status, description, config_hash are ignored;
    "keys" is refused (keys have their own endpoints);
  - a redacted secret must be the gateway's current mask (kept) or a new value.
Values are checked with the editor's rules (exit 3).
  -f, --file FILE    the document (- = stdin; then --yes is needed)
  --force            write even if the provider changed since FILE was exported
With -f DIR (desired state, like kubectl apply): prints the plan, asks once, then writes
each changed provider with its own re-read and conflict check; a failure does not stop
the others. Files from another gateway are not conflicts; drift (this gateway changed
since DIR was last exported from / applied to it) is marked in the plan and applied
only when confirmed (--yes says so). Secrets that cannot be copied are left as they are.
Exit 0 all applied, 8 some applied, else the first failure's code.
  --prune            also delete providers DIR does not hold (listed in the plan)
${WRITE}

${GLOBAL}

${EXITS}

Examples:
  bifrost-tui providers apply openai -f openai.json --dry-run
  echo '{"network_config":{"max_retries":3}}' | bifrost-tui providers apply openai -f - --yes
`;

const SETTABLE = DESCRIPTORS.map((d) => `  ${d.id}${d.kind === 'map' || d.kind === 'flags' ? '[.KEY]' : ''}`).join('\n');

export const SET_HELP = `Usage: bifrost-tui providers set NAME path=value ... [--unset path ...] [--yes] [--dry-run]

Quick edits: each value is read like the editor reads typed text: numbers (2s/500ms
for backoffs), true/false/on/off, text, env.NAME references. Maps and flags take
one entry: network_config.extra_headers.X-Team=platform,
custom_provider_config.allowed_requests.embedding=false (from "all allowed", the
other flags stay allowed). allowed_requests=all makes every request type allowed.
  --unset PATH       a field: reset it to the gateway default (like the editor's reset);
                     a map entry (PATH.KEY): remove it (a removed flag is denied)
${WRITE}

Paths:
${SETTABLE}

${GLOBAL}

Examples:
  bifrost-tui providers set openai network_config.max_retries=3 --yes
  bifrost-tui providers set acme-llm custom_provider_config.allowed_requests.embedding=false --dry-run
  bifrost-tui providers set openai --unset network_config.extra_headers.X-Team --yes
`;

export const HISTORY_HELP = `Usage: bifrost-tui providers history NAME [--json]

Lists the versions of NAME saved on this machine before each write (apply, set,
restore, and the editor), newest first, for the current gateway (profile or URL).
No request is made to the gateway.

${GLOBAL}

Example:
  bifrost-tui providers history openai --profile prod
`;

export const RESTORE_HELP = `Usage: bifrost-tui providers restore NAME [--at ID] [--yes] [--dry-run]

Puts a saved version back (default: the newest), through the same diff, checks,
confirmation and backup as apply. Every writable field becomes the saved one.
Redacted secrets in the saved version are sent back as saved, which keeps the
gateway's secret when it has not changed since; a secret changed since then cannot
be restored from a mask, so the current one is kept (and said so).
  --at ID            the version to restore (see \`providers history\`)
${WRITE}

${GLOBAL}

Example:
  bifrost-tui providers restore openai --at 20261126T140733123Z --yes
`;

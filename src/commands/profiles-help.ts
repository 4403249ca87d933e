/** `bifrost-tui profiles --help`. */
import { LABEL_COLOURS } from '../state/profiles/label-colours.js';
import { EXIT, exitCodesHelp } from '../state/exit-codes.js';

export const PROFILES_HELP = `Usage: bifrost-tui profiles <command> [options]

Connection profiles for Bifrost gateways, stored in
$XDG_CONFIG_HOME/bifrost-tui/config.json (default ~/.config/bifrost-tui,
override with BIFROST_TUI_CONFIG_DIR), file mode 0600.

Commands:
  list                 all profiles (* marks the default)       [--json]
  show NAME            one profile (keys are never shown)       [--json]
  add NAME             create a profile (the first one becomes the default)
  edit NAME            change the given settings of a profile
  remove NAME          delete a profile (asks on a terminal; else needs --yes)
  use NAME             make NAME the default profile
  test [NAME]          connect and list providers (default profile if no NAME)
                       [--url URL for one run] [--json]

Options for add and edit:
  --url URL                  gateway base URL, e.g. http://localhost:8080
  --auth none|bearer|basic   default: basic with --username, bearer with a key, else none
  --username NAME            Basic auth user
  --api-key-stdin            read the key from stdin (hidden prompt on a terminal)
  --password-stdin           same, for the Basic password
  --api-key-env NAME         read the key from $NAME at each run (nothing stored)
  --api-key-command CMD      run CMD with /bin/sh at each run; its stdout is the key
  --ca-file PATH             PEM of a CA to trust ('' clears)
  --insecure | --no-insecure skip TLS verification (dangerous) / verify again
  --timeout MS               per-request timeout in milliseconds ('' clears)
  --refresh SECONDS          list auto-refresh interval in the app (0 off, '' = default 10)
  --label TEXT               tag shown in the header, e.g. PROD ('' clears)
  --color NAME               label colour: ${LABEL_COLOURS.join(', ')}
  --read-only | --no-read-only   refuse saves through this profile / allow them
  --default                  also make this the default profile

Other options:
  --json                     machine-readable output on stdout (list, show, test)
  -y, --yes                  do not ask before removing
  -h, --help                 this help

Keys are never accepted as arguments (shell history, ps). Listings show only
where a key comes from: stored, env $NAME, or command "...".

Examples:
  printf '%s\\n' "$KEY" | bifrost-tui profiles add prod --url https://gw.example.com \\
      --api-key-stdin --label PROD --color red --read-only
  bifrost-tui profiles add local --url http://localhost:8080
  bifrost-tui profiles add staging --url https://staging:8080 --api-key-command 'pass show bifrost/staging'
  bifrost-tui profiles add ci --url http://gw:8080 --auth basic --username admin --api-key-env BIFROST_ADMIN_PW
  bifrost-tui profiles edit prod --no-read-only
  bifrost-tui profiles use local
  bifrost-tui profiles test prod
  bifrost-tui profiles remove staging --yes

${exitCodesHelp([EXIT.ok, EXIT.changes, EXIT.usage, EXIT.validation, EXIT.auth, EXIT.notFound, EXIT.gateway])}
`;

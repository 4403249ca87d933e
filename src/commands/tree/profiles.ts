/** `bifrost-tui profiles …`: the command specs; the runners are in ../profiles.ts. */
import { EXIT } from '../../state/exit-codes.js';
import { LABEL_COLOURS } from '../../state/profiles/label-colours.js';
import type { OptionTable } from '../../state/cli/option-spec.js';
import { COMMON, OUTPUT } from './groups.js';
import type { CommandSpec } from './types.js';

const NAME = { name: 'NAME', complete: 'profile' } as const;

/** The settings `profiles add` and `profiles edit` take. */
export const PROFILE_SETTINGS = {
  url: { type: 'string', value: 'URL', help: 'gateway base URL, e.g. http://localhost:8080' },
  auth: { type: 'string', value: 'MODE', help: 'none, bearer or basic (default: basic with --username, bearer with a key, else none)', complete: ['none', 'bearer', 'basic'] },
  username: { type: 'string', value: 'NAME', help: 'Basic auth user' },
  'api-key-stdin': { type: 'boolean', help: 'read the key from stdin (a hidden prompt on a terminal)' },
  'password-stdin': { type: 'boolean', help: 'the same, for the Basic password' },
  'api-key-env': { type: 'string', value: 'NAME', help: 'read the key from $NAME at each run (nothing stored)' },
  'api-key-command': { type: 'string', value: 'CMD', help: 'run CMD with /bin/sh at each run; its stdout is the key' },
  'setup-token-stdin': { type: 'boolean', help: 'a setup token (sent as X-Bifrost-Setup-Token, for a v2.2.6 gateway locked until setup), read from stdin' },
  'setup-token-env': { type: 'string', value: 'NAME', help: 'the setup token from $NAME at each run' },
  'setup-token-command': { type: 'string', value: 'CMD', help: "the setup token from CMD's stdout at each run" },
  'no-setup-token': { type: 'boolean', help: 'stop sending a setup token' },
  'ca-file': { type: 'string', value: 'PATH', help: "PEM of a CA to trust ('' clears)", complete: 'file' },
  insecure: { type: 'boolean', help: 'skip TLS verification (dangerous)' },
  'no-insecure': { type: 'boolean', help: 'verify TLS again' },
  timeout: { type: 'string', value: 'MS', help: "per-request timeout in milliseconds ('' clears)" },
  refresh: { type: 'string', value: 'SECONDS', help: "list auto-refresh interval in the app (0 off, '' = default 10)" },
  label: { type: 'string', value: 'TEXT', help: "a tag shown in the header, e.g. PROD ('' clears)" },
  color: { type: 'string', value: 'NAME', help: `label colour: ${LABEL_COLOURS.join(', ')}`, complete: LABEL_COLOURS },
  'read-only': { type: 'boolean', help: 'refuse every save through this profile' },
  'no-read-only': { type: 'boolean', help: 'allow saves again' },
  default: { type: 'boolean', help: 'also make it the default profile (the first profile always is)' },
} as const satisfies OptionTable;

const SETTINGS = { title: 'Settings', options: PROFILE_SETTINGS };
const KEYS_NOTE = `Keys and setup tokens are never accepted as arguments (shell history, ps).
Listings show only where one comes from: stored, env $NAME, or command "...".`;
const CONFIG_EXITS = [EXIT.ok, EXIT.usage, [EXIT.validation, 'invalid setting, or the config file is broken (left as it is)']] as const;

export const PROFILES: CommandSpec = {
  name: 'profiles',
  summary: 'connection profiles: list, show, add, edit, remove, use, test',
  description: `Connection profiles for Bifrost gateways, stored in
$XDG_CONFIG_HOME/bifrost-tui/config.json (default ~/.config/bifrost-tui,
override with BIFROST_TUI_CONFIG_DIR), file mode 0600.

${KEYS_NOTE}`,
  children: [
    {
      name: 'list',
      aliases: ['ls'],
      summary: 'all profiles (* marks the default)',
      groups: [OUTPUT, COMMON],
      exits: CONFIG_EXITS,
      examples: ['bifrost-tui profiles list -o yaml'],
    },
    {
      name: 'show',
      summary: 'one profile (keys are never shown)',
      args: [NAME],
      groups: [OUTPUT, COMMON],
      exits: [...CONFIG_EXITS, [EXIT.notFound, 'no such profile']],
      examples: ['bifrost-tui profiles show prod'],
    },
    {
      name: 'add',
      summary: 'create a profile (the first one becomes the default)',
      args: [NAME],
      synopsis: ['NAME --url URL [settings]'],
      description: KEYS_NOTE,
      groups: [SETTINGS, COMMON],
      exits: [...CONFIG_EXITS, [EXIT.changes, 'a profile of that name exists, or the config could not be written']],
      examples: [
        `printf '%s\\n' "$KEY" | bifrost-tui profiles add prod --url https://gw.example.com --api-key-stdin --label PROD --color red --read-only`,
        'bifrost-tui profiles add local --url http://localhost:8080',
        "bifrost-tui profiles add staging --url https://staging:8080 --api-key-command 'pass show bifrost/staging'",
        'bifrost-tui profiles add ci --url http://gw:8080 --auth basic --username admin --api-key-env BIFROST_ADMIN_PW',
      ],
    },
    {
      name: 'edit',
      summary: 'change the given settings of a profile',
      args: [NAME],
      synopsis: ['NAME [settings]'],
      description: KEYS_NOTE,
      groups: [SETTINGS, COMMON],
      exits: [...CONFIG_EXITS, [EXIT.notFound, 'no such profile'], [EXIT.changes, 'the config could not be written']],
      examples: ['bifrost-tui profiles edit prod --no-read-only'],
    },
    {
      name: 'remove',
      aliases: ['rm'],
      summary: 'delete a profile (asks on a terminal; else needs --yes)',
      args: [NAME],
      options: { yes: { type: 'boolean', short: 'y', help: 'do not ask (needed without a terminal)' } },
      groups: [COMMON],
      exits: [...CONFIG_EXITS, [EXIT.changes, 'not confirmed'], [EXIT.notFound, 'no such profile']],
      examples: ['bifrost-tui profiles remove staging --yes'],
    },
    {
      name: 'use',
      summary: 'make NAME the default profile',
      args: [NAME],
      groups: [COMMON],
      exits: [...CONFIG_EXITS, [EXIT.notFound, 'no such profile']],
      examples: ['bifrost-tui profiles use local'],
    },
    {
      name: 'test',
      summary: 'connect, list providers and name the gateway version (the default profile without NAME)',
      args: [{ ...NAME, optional: true }],
      options: { url: { type: 'string', value: 'URL', help: "another URL for this one test (the profile's auth is used)" } },
      groups: [OUTPUT, COMMON],
      exits: [...CONFIG_EXITS, EXIT.auth, [EXIT.notFound, 'no such profile'], EXIT.gateway],
      examples: ['bifrost-tui profiles test prod'],
    },
  ],
};

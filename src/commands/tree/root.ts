/**
 * The whole command tree of `bifrost-tui`: the app (the root), the command
 * groups and the single commands. --help, the parsers, shell completion, the
 * README reference and the man page all come from it.
 */
import { CONNECTION_OPTIONS } from '../../connection/flags.js';
import { EXIT } from '../../state/exit-codes.js';
import { APP_OPTIONS, APP_SYNOPSIS } from './app.js';
import { COMMON_OPTIONS, OUTPUT } from './groups.js';
import { FLEET } from './fleet.js';
import { KEYS } from './keys.js';
import { PROFILES } from './profiles.js';
import { PROVIDERS } from './providers.js';
import type { CommandSpec } from './types.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;

const version: CommandSpec = {
  name: 'version',
  summary: 'print the version',
  description: `Prints the version and the Bifrost gateway versions this client speaks (the
same line as the app's version option); -o json|yaml prints {"version": VERSION, "gateways":
{"oldest": ..., "newest": ...}}.`,
  groups: [OUTPUT, { title: 'Common', options: { help: COMMON_OPTIONS.help } }],
  exits: [EXIT.ok, EXIT.usage],
};

const completion: CommandSpec = {
  name: 'completion',
  summary: 'shell completion script for bash, zsh or fish',
  args: [{ name: 'SHELL', complete: SHELLS }],
  description: `Prints a completion script: commands, options, option values (formats, auth
modes, colours), profile names from the local config, and provider names this
machine has seen for the gateway being addressed (the built-in provider names, the
last providers list, and providers with local backups). Completing never contacts a
gateway.
  bash: add  source <(bifrost-tui completion bash)  to ~/.bashrc
  zsh:  add  source <(bifrost-tui completion zsh)  to ~/.zshrc (after compinit)
  fish: bifrost-tui completion fish > ~/.config/fish/completions/bifrost-tui.fish`,
  groups: [{ title: 'Common', options: { help: COMMON_OPTIONS.help } }],
  exits: [EXIT.ok, EXIT.usage],
  examples: ['source <(bifrost-tui completion bash)'],
};

const help: CommandSpec = {
  name: 'help',
  summary: 'help of a command (bifrost-tui help providers set)',
  args: [{ name: 'COMMAND', optional: true, repeat: true }],
  exits: [EXIT.ok, EXIT.usage],
};

const demoGateway: CommandSpec = {
  name: 'demo-gateway',
  summary: 'run the demo gateway on its own',
  synopsis: ['[--port N] [--host HOST] [--api-key KEY | --basic USER:PASS] [--providers N] [--save-delay MS] [--gateway-version V]'],
  description: `Runs an in-memory stand-in of the Bifrost management API (seeded providers,
redaction, validation, upstream error messages) until Ctrl+C. It plays one
Bifrost line: 1.4 keeps keys inside providers, 1.5 has key routes and
{value, env_var, from_env} secrets, 1.6 {value, ref, type}, 2.2 keeps omitted
blocks and patches keys.

Test-only routes: POST /__demo/faults with a DemoFault JSON (e.g.
{"path":"/api/providers","status":503,"message":"down","times":1}),
GET /__demo/faults to list them, DELETE /__demo/faults to clear them.`,
  options: {
    port: { type: 'string', value: 'N', help: 'port to listen on (default 0: a free port, printed)' },
    host: { type: 'string', value: 'HOST', help: 'address to bind (default 127.0.0.1)' },
    'api-key': { type: 'string', value: 'KEY', help: 'require "Authorization: Bearer KEY" on /api/*' },
    basic: { type: 'string', value: 'USER:PASS', help: 'require Basic auth (and allow POST /api/session/login)' },
    providers: { type: 'string', value: 'N', help: 'add N generated providers bench-00001... (load tests)' },
    'save-delay': { type: 'string', value: 'MS', help: 'simulated model-discovery delay on PUT/POST (default 0)' },
    'gateway-version': { type: 'string', value: 'V', help: 'the Bifrost line to play: 1.4, 1.5, 1.6 or 2.2 (default 2.2)', complete: ['1.4', '1.5', '1.6', '2.2'] },
    'reported-version': { type: 'string', value: 'TEXT', help: 'what GET /api/version answers instead (e.g. v1.0.0, a dev build the client must probe)' },
    'auth-bypassed': { type: 'boolean', help: '2.2: dashboard auth is off, so base URL, proxy, TLS and key endpoint changes answer 403' },
    'setup-token': { type: 'string', value: 'TOKEN', help: '2.2: locked until setup; /api calls need X-Bifrost-Setup-Token TOKEN' },
    // Accepted like on every command; this command is the demo gateway already.
    demo: { type: 'boolean', help: 'accepted and ignored (this is the demo gateway)', hidden: true },
  },
  groups: [{ title: 'Common', options: { help: COMMON_OPTIONS.help } }],
  exits: [EXIT.ok, EXIT.usage, [EXIT.gateway, 'cannot listen on the address']],
  examples: ['bifrost-tui demo-gateway --port 8080 --api-key secret'],
};

/** `bifrost-tui __complete WORDS...`: what the completion scripts call. */
const complete: CommandSpec = {
  name: '__complete',
  summary: 'completion candidates for the words of a command line (used by the completion scripts)',
  args: [{ name: 'WORD', repeat: true, optional: true }],
  hidden: true,
};

export const ROOT: CommandSpec = {
  name: 'bifrost-tui',
  summary: "edit a Bifrost gateway's provider configuration from a terminal",
  synopsis: [APP_SYNOPSIS, '[connection options] <command> ...'],
  description: `Without a command: the interactive editor (press ? in it for every key). The key
comes from BIFROST_API_KEY, a profile, or the key prompt after a 401. Connection
and output options may come before the command words or after them:
  bifrost-tui --profile prod providers list -o json`,
  options: { ...CONNECTION_OPTIONS, ...APP_OPTIONS },
  exits: [EXIT.ok, [EXIT.usage, 'usage: bad arguments, an unknown command, no gateway given, or no terminal for the app']],
  children: [PROVIDERS, KEYS, PROFILES, FLEET, demoGateway, version, completion, help, complete],
};

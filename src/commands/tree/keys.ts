/** `bifrost-tui keys …`: the command specs; the runners are in ../keys.ts. */
import { COMMON, CONNECTION, OUTPUT, READ_EXITS, WRITE_EXITS, WRITING } from './groups.js';
import type { OptionTable } from '../../state/cli/option-spec.js';
import type { CommandSpec } from './types.js';

const PROVIDER = { name: 'PROVIDER', complete: 'provider' } as const;
const KEY = { name: 'KEY' } as const;
const READ_GROUPS = [OUTPUT, CONNECTION, COMMON];
const WRITE_GROUPS = [WRITING, OUTPUT, CONNECTION, COMMON];

const VALUE_OPTIONS = {
  'value-stdin': { type: 'boolean', help: 'read the value from stdin (one trailing newline dropped)' },
  'value-env': { type: 'string', value: 'NAME', help: "read the value from this process's environment variable NAME" },
  'value-ref': { type: 'string', value: 'REF', help: 'store a reference the gateway resolves (env.NAME, vault.path)' },
} as const satisfies OptionTable;

const WRITE_NOTE = `Every write re-reads the key, shows the per-field diff (secrets masked), asks (or
--yes), keeps the key as it was in the local history (keys restore), and then
confirms the write from the gateway's answer and a fresh GET of the key.`;

const SET_PATHS = `Paths:
  name, weight (0-1), enabled, use_for_batch_api
  models, blacklisted_models            '*', none, or a,b
  aliases.MODEL=ID                      one alias (aliases.MODEL with --unset removes it)
  azure_key_config.api_version, ollama_key_config.url, sgl_key_config.url,
  vllm_key_config.url, vllm_key_config.model_name, replicate_key_config.use_deployments_endpoint
Secret paths (value, azure_key_config.endpoint/client_id/client_secret/tenant_id,
vertex_key_config.*, bedrock_key_config.*) take only a reference (env.NAME, vault.path)
here; a literal goes through keys rotate (value) or the key form. An unknown path is
refused with the closest one (wieght= → did you mean weight?).
Everything else on the key (unknown fields, redacted values, other blocks) is sent back as fetched.`;

const toggle = (name: 'enable' | 'disable'): CommandSpec => ({
  name,
  summary: `${name} a key`,
  args: [PROVIDER, KEY],
  synopsis: ['PROVIDER KEY [--yes] [--dry-run]'],
  description: WRITE_NOTE,
  groups: WRITE_GROUPS,
  exits: WRITE_EXITS,
  examples: [`bifrost-tui keys ${name} groq groq-legacy --yes`],
});

export const KEYS: CommandSpec = {
  name: 'keys',
  summary: "a provider's API keys: list, get, add, set, rotate, enable, disable, remove, history, restore",
  description: `A provider's API keys, headless (CONTRACT 4.6). KEY is a key's id or name.
A key value is never taken as an argument and never printed: --value-stdin reads it
from stdin, --value-env NAME from this process's environment variable NAME, and
--value-ref stores a reference (env.NAME, vault.path) the gateway resolves. Output
shows a value only as its source.
Models (allow-list, gateway v1.5+): '*' = all models, none (or empty) = no models
(the key serves nothing), a,b = only these. A wildcard mixed with names and
duplicates are refused before sending.`,
  children: [
    {
      name: 'list',
      aliases: ['ls'],
      summary: 'the keys of a provider: name, id, enabled, weight, models, value source, status',
      args: [PROVIDER],
      description: `json/yaml: {"provider", "keys": [...]}: each key as the gateway sent it with
secrets masked, its value replaced by value_source: {"type": "stored", "last4": "1QeA"}
(last4 null when the gateway's mask shows none), {"type": "reference", "ref": "env.NAME"}
or {"type": "none"}.`,
      groups: READ_GROUPS,
      exits: READ_EXITS,
      examples: ['bifrost-tui keys list openai -o json'],
    },
    {
      name: 'get',
      summary: 'one key (by id or name)',
      args: [PROVIDER, KEY],
      groups: READ_GROUPS,
      exits: READ_EXITS,
      examples: ['bifrost-tui keys get openai openai-prod'],
    },
    {
      name: 'add',
      summary: 'add a key',
      args: [PROVIDER],
      synopsis: ["PROVIDER --name NAME (--value-stdin | --value-env NAME | --value-ref REF) [--models a,b | '*' | none] [--weight W] [--disabled]"],
      description: `Without --models the key allows all models.\n\n${WRITE_NOTE}`,
      options: {
        name: { type: 'string', value: 'NAME', help: 'the name of the new key' },
        ...VALUE_OPTIONS,
        models: { type: 'string', value: 'LIST', help: "allowed models: '*' (all, the default), none, or a,b" },
        weight: { type: 'string', value: 'W', help: 'weight from 0 to 1 (default 1)' },
        disabled: { type: 'boolean', help: 'add it disabled' },
      },
      groups: WRITE_GROUPS,
      exits: WRITE_EXITS,
      examples: ['printf \'%s\' "$KEY" | bifrost-tui keys add openai --name openai-2 --value-stdin --models gpt-4o --yes'],
    },
    {
      name: 'set',
      summary: 'edit fields of a key',
      args: [PROVIDER, KEY, { name: 'path=value', repeat: true, optional: true }],
      synopsis: ['PROVIDER KEY path=value ... [--unset PATH ...] [--yes] [--dry-run]'],
      description: `${SET_PATHS}\n\n${WRITE_NOTE}`,
      options: { unset: { type: 'string', multiple: true, value: 'PATH', help: 'remove a field (or aliases.MODEL); repeatable' } },
      groups: WRITE_GROUPS,
      exits: WRITE_EXITS,
      examples: [
        'bifrost-tui keys set openai openai-prod weight=0.5 models=gpt-4o,gpt-4o-mini --dry-run',
        'bifrost-tui keys set azure azure-eastus aliases.gpt-4o=gpt4o-canary --yes',
      ],
    },
    {
      name: 'rotate',
      summary: "replace only a key's value",
      args: [PROVIDER, KEY],
      synopsis: ['PROVIDER KEY (--value-stdin | --value-env NAME | --value-ref REF) [--yes] [--dry-run]'],
      description: WRITE_NOTE,
      options: VALUE_OPTIONS,
      groups: WRITE_GROUPS,
      exits: WRITE_EXITS,
      examples: ['printf \'%s\' "$NEW_KEY" | bifrost-tui keys rotate openai openai-prod --value-stdin --yes'],
    },
    toggle('enable'),
    toggle('disable'),
    {
      name: 'remove',
      aliases: ['rm'],
      summary: 'delete a key',
      args: [PROVIDER, KEY],
      synopsis: ['PROVIDER KEY [--yes] [--dry-run]'],
      description: WRITE_NOTE,
      groups: WRITE_GROUPS,
      exits: WRITE_EXITS,
      examples: ['bifrost-tui keys remove groq groq-legacy --yes'],
    },
    {
      name: 'history',
      summary: 'local backups of a key, newest first',
      args: [PROVIDER, KEY],
      groups: READ_GROUPS,
      exits: READ_EXITS,
      examples: ['bifrost-tui keys history openai openai-prod'],
    },
    {
      name: 'restore',
      summary: 'put a backup of a key back (a changed credential is kept, not restored from a mask)',
      args: [PROVIDER, KEY],
      synopsis: ['PROVIDER KEY [--at ID] [--yes] [--dry-run]'],
      description: WRITE_NOTE,
      options: { at: { type: 'string', value: 'ID', help: 'the version to restore (see keys history)' } },
      groups: WRITE_GROUPS,
      exits: WRITE_EXITS,
      examples: ['bifrost-tui keys restore openai openai-prod --yes'],
    },
  ],
};

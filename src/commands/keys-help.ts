/** Help texts of `bifrost-tui keys ...`. */
import { EXIT, exitCodesHelp } from '../state/exit-codes.js';

export const KEYS_HELP = `bifrost-tui keys: a provider's API keys, headless (CONTRACT 4.6)

Usage:
  bifrost-tui keys list PROVIDER [--json]
  bifrost-tui keys get PROVIDER KEY [--json]            KEY = id or name
  bifrost-tui keys add PROVIDER --name NAME (--value-stdin | --value-env NAME | --value-ref env.NAME)
                       [--models a,b | --models '*' | --models none] [--weight W] [--disabled] [--yes] [--dry-run]
  bifrost-tui keys set PROVIDER KEY path=value ... [--unset path ...] [--yes] [--dry-run]
  bifrost-tui keys rotate PROVIDER KEY (--value-stdin | --value-env NAME | --value-ref env.NAME) [--yes] [--dry-run]
  bifrost-tui keys enable|disable PROVIDER KEY [--yes] [--dry-run]
  bifrost-tui keys remove PROVIDER KEY [--yes] [--dry-run]
  bifrost-tui keys history PROVIDER KEY                  local backups of the key, newest first
  bifrost-tui keys restore PROVIDER KEY [--at ID] [--yes] [--dry-run]

A key value is never taken as an argument and never printed: --value-stdin reads it
from stdin, --value-env NAME from this process's environment variable NAME, and
--value-ref stores a reference (env.NAME, vault.path) the gateway resolves.

Models (allow-list, gateway v1.5+): '*' = all models, none (or empty) = no models
(the key serves nothing), a,b = only these. A wildcard mixed with names and
duplicates are refused before sending.

Every write re-reads the key, shows the per-field diff (secrets masked), asks
(or --yes), keeps the key as it was in the local history (keys restore), and then
confirms the write from the gateway's answer and a fresh GET of the key.

Global options: --profile NAME, --url URL, --api-key KEY, --timeout MS, --json, --quiet
${exitCodesHelp([EXIT.ok, EXIT.changes, EXIT.usage, EXIT.validation, EXIT.auth, EXIT.notFound, EXIT.conflict, EXIT.gateway])}
`;

export const KEYS_SET_HELP = `bifrost-tui keys set PROVIDER KEY path=value ... [--unset path ...] [--yes] [--dry-run]

Paths:
  name, weight (0-1), enabled, use_for_batch_api
  models, blacklisted_models            '*', none, or a,b
  aliases.MODEL=ID                      one alias (aliases.MODEL with --unset removes it)
  azure_key_config.api_version, ollama_key_config.url, sgl_key_config.url,
  vllm_key_config.url, vllm_key_config.model_name, replicate_key_config.use_deployments_endpoint
Secret paths (value, azure_key_config.endpoint/client_id/client_secret/tenant_id,
vertex_key_config.*, bedrock_key_config.*) take only a reference (env.NAME, vault.path)
here; a literal goes through \`keys rotate\` (value) or the key form.
Everything else on the key (unknown fields, redacted values, other blocks) is sent back as fetched.

${exitCodesHelp([EXIT.ok, EXIT.changes, EXIT.usage, EXIT.validation, EXIT.auth, EXIT.notFound, EXIT.conflict, EXIT.gateway])}
`;

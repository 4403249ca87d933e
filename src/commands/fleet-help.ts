/** Help texts of `bifrost-tui fleet ...`. */
import { EXIT, exitCodesHelp } from '../state/exit-codes.js';

const COMMON = `Common options:
  --timeout MS        per-gateway deadline in milliseconds (default: each profile's timeout, else 10000)
  --json              machine-readable output (values masked)
  -q, --quiet         no notes on stderr
  -h, --help          this help`;

export const FLEET_DIFF_HELP = `Usage: bifrost-tui fleet diff [PROVIDER ...] [--profiles a,b,c] [--json]

Compares providers across gateways (profiles; default: every profile). The gateways are
read in parallel (--parallel N at a time, default 8), each with its own deadline, so the
whole takes about as long as the slowest one. Per provider: the fields whose values
differ and their value on each gateway (secrets masked; they compare by the gateway's
mask). A gateway that cannot be reached is shown with the reason; the others are still
compared. Two equal masks are no evidence: such a field is "same mask, cannot be verified".
Exit 0: all the same; 1: something differs (including a provider missing on a gateway);
7: nothing differs among the reachable ones but a gateway was unreachable; 9: nothing
differs but a secret is the same mask on both sides.
  --profiles a,b,c    the gateways, in column order (the first is the reference)
  --parallel N        gateways read at the same time (default 8)
${COMMON}

${exitCodesHelp([EXIT.ok, EXIT.changes, EXIT.usage, EXIT.auth, EXIT.gateway, EXIT.unverified])}

Example:
  bifrost-tui fleet diff openai --profiles staging,prod-eu,prod-us
`;

export const FLEET_PUSH_HELP = `Usage: bifrost-tui fleet push PROVIDER --from a --to b,c [--yes] [--dry-run]

Copies the editable fields of PROVIDER from gateway a to each of b, c (creating it where
it is missing). Each target gets its own plan (field by field), confirmation, backup and
re-read right before the write; one failing target does not stop the others.
Secrets: env./vault. references are copied as references; a plain secret that differs
cannot be copied (the source only shows its mask) and is left as the target has it,
with a line saying so; so is a secret whose masks are the same on both (same mask,
cannot be verified). A mask is never sent.
Exit 0: all targets written (or already the same); 8: some written, some failed; 9: all
written but a secret was left as a target has it; else the first failure's code.
  --from PROFILE      the source gateway
  --to a,b            the target gateways
  -y, --yes           do not ask (required without a terminal)
  --dry-run           show each target's plan, write nothing
${COMMON}

${exitCodesHelp([EXIT.ok, EXIT.changes, EXIT.usage, EXIT.validation, EXIT.auth, EXIT.notFound, EXIT.conflict, EXIT.gateway, EXIT.partial, EXIT.unverified])}

Example:
  bifrost-tui fleet push openai --from staging --to prod-eu,prod-us --dry-run
`;

export const FLEET_HELP = `Usage: bifrost-tui fleet <command> [options]

The same providers across many gateways (one profile per gateway).
Commands:
  diff [PROVIDER ...] [--profiles a,b,c] [--json]   fields that differ between gateways
  push PROVIDER --from a --to b,c [--yes] [--dry-run]  copy a provider's settings

Run \`bifrost-tui fleet <command> --help\` for details. In the app: F on the provider list.

${exitCodesHelp()}
`;

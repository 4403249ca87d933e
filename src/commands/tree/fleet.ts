/** `bifrost-tui fleet …`: the command specs; the runners are in ../fleet.ts. */
import { EXIT } from '../../state/exit-codes.js';
import { COMMON, OUTPUT, WRITING } from './groups.js';
import type { CommandSpec, OptionGroup } from './types.js';

const TIMEOUT: OptionGroup = {
  title: 'Gateways',
  options: { timeout: { type: 'string', value: 'MS', help: "per-gateway deadline in milliseconds (default: each profile's timeout, else 10000)" } },
};
const SINGLE = 'fleet commands name their gateways with --profiles / --from / --to, not --profile/--url/--api-key';
const REFUSED = { profile: SINGLE, url: SINGLE, 'api-key': SINGLE, demo: SINGLE };

export const FLEET: CommandSpec = {
  name: 'fleet',
  summary: 'the same providers across many gateways: diff, push',
  description: 'The same providers across many gateways (one profile per gateway). In the app: F on the provider list.',
  children: [
    {
      name: 'diff',
      summary: 'fields that differ between gateways',
      args: [{ name: 'PROVIDER', complete: 'provider', optional: true, repeat: true }],
      synopsis: ['[PROVIDER ...] [--profiles a,b,c]'],
      description: `Compares providers across gateways (profiles; default: every profile). The gateways
are read in parallel (--parallel N at a time, default 8), each with its own deadline,
so the whole takes about as long as the slowest one. Per provider: the fields whose
values differ and their value on each gateway (secrets masked; they compare by the
gateway's mask, and equal masks are "same mask, cannot be verified", never the
same). A gateway that cannot be reached is shown with the reason; the others are
still compared.`,
      options: {
        profiles: { type: 'string', value: 'a,b,c', help: 'the gateways, in column order (the first is the reference)', complete: 'profiles' },
        parallel: { type: 'string', value: 'N', help: 'gateways read at the same time (default 8)' },
      },
      groups: [TIMEOUT, OUTPUT, COMMON],
      refused: REFUSED,
      exits: [
        [EXIT.ok, 'all the same'],
        [EXIT.changes, 'something differs (including a provider missing on a gateway)'],
        EXIT.usage,
        EXIT.validation,
        [EXIT.gateway, 'nothing differs among the reachable gateways but one could not be read'],
        [EXIT.unverified, 'nothing differs but a secret is the same mask on both sides (cannot be verified)'],
      ],
      examples: ['bifrost-tui fleet diff openai --profiles staging,prod-eu,prod-us'],
    },
    {
      name: 'push',
      summary: "copy a provider's settings from one gateway to others",
      args: [{ name: 'PROVIDER', complete: 'provider' }],
      synopsis: ['PROVIDER --from a --to b,c [--yes] [--dry-run]'],
      description: `Copies the editable fields of PROVIDER from gateway a to each of b, c (creating it
where it is missing). Each target gets its own plan (field by field), confirmation,
backup and re-read right before the write; one failing target does not stop the
others. Secrets: env./vault. references are copied as references; a plain secret
that differs cannot be copied (the source only shows its mask) and is left as the
target has it, with a line saying so; so is one whose masks are the same on both
(same mask, cannot be verified). A mask is never sent.`,
      options: {
        from: { type: 'string', value: 'PROFILE', help: 'the source gateway', complete: 'profile' },
        to: { type: 'string', value: 'a,b', help: 'the target gateways', complete: 'profiles' },
      },
      groups: [WRITING, TIMEOUT, OUTPUT, COMMON],
      refused: REFUSED,
      exits: [
        [EXIT.ok, 'all targets written (or already the same)'],
        [EXIT.changes, 'not confirmed'],
        EXIT.usage,
        EXIT.validation,
        EXIT.auth,
        EXIT.notFound,
        EXIT.conflict,
        EXIT.gateway,
        [EXIT.partial, 'some targets written, some failed'],
        [EXIT.unverified, 'all targets written, but a secret was left as a target has it (listed per field)'],
      ],
      examples: ['bifrost-tui fleet push openai --from staging --to prod-eu,prod-us --dry-run'],
    },
  ],
};

/** `bifrost-tui profiles list|show|add|edit|remove|use|test`. */
import { printableLines } from '../state/printable.js';
import { urlCredentialsProblem } from '../api/secrets.js';
import { profileNameProblem } from '../state/profiles/profile-name.js';
import { SecretError } from '../connection/secret-source.js';
import { authOffNote, testProfile, versionNote } from '../connection/profile-test.js';
import { formatGatewayVersion } from '../api/versions/gateway-version.js';
import type { Profile } from '../state/local-types.js';
import { type CommandIO } from './types.js';
import { EXIT } from '../state/exit-codes.js';
import { applyProfileFlags, EDIT_FLAGS, refuseKeyArguments, type ProfileFlags } from './profiles-args.js';
import { confirm } from './prompt.js';
import { type Ctx, type ProvidersDeps } from './command-context.js';
import { CommandError, UsageError } from './command-errors.js';
import { formatProfileDetails, formatProfileTable, profileView } from './profiles-format.js';
import { rerunLine } from './rerun.js';
import { runSubcommand, type Runners } from './subcommands.js';
import { PROFILES } from './tree/profiles.js';

/** What `profiles` may be given: the command groups' shared deps (a temp-dir store, a client factory, a clock). */
export type ProfilesDeps = ProvidersDeps;

/** Human text made printable (a hand-edited config is untrusted too); JSON is built with JSON.stringify, which escapes controls. */
function out(io: CommandIO, text: string): void {
  io.stdout.write(printableLines(text));
}

function needName(ctx: Ctx, sub: string, optional = false): string | undefined {
  if (ctx.args.length > 1) throw new UsageError(`\`profiles ${sub}\` takes one profile name, got ${ctx.args.length}`);
  const name = ctx.args[0];
  if (name === undefined && !optional) throw new UsageError(`\`profiles ${sub}\` needs a profile name`);
  return name;
}

function mustGet(ctx: Ctx, name: string): Profile {
  const p = ctx.profileStore().get(name);
  if (!p) throw new CommandError(`no profile named "${name}" (see \`${rerunLine(ctx, ['profiles', 'list'], false)}\`)`, EXIT.notFound);
  return p;
}

function list(ctx: Ctx): number {
  if (ctx.args.length > 0) throw new UsageError('`profiles list` takes no arguments');
  const store = ctx.profileStore();
  const profiles = store.list();
  const def = store.getDefaultName();
  if (ctx.json) {
    ctx.outJson({ defaultProfile: def ?? null, profiles: profiles.map((p) => profileView(p, p.name === def)) });
  } else if (profiles.length === 0) {
    out(ctx.io, 'no profiles yet: add one with `bifrost-tui profiles add NAME --url URL`\n');
  } else {
    out(ctx.io, formatProfileTable(profiles, def));
  }
  return EXIT.ok;
}

function show(ctx: Ctx): number {
  const name = needName(ctx, 'show') as string;
  const p = mustGet(ctx, name);
  const isDefault = ctx.profileStore().getDefaultName() === name;
  if (ctx.json) ctx.outJson(profileView(p, isDefault));
  else out(ctx.io, formatProfileDetails(p, isDefault));
  return EXIT.ok;
}

async function addOrEdit(ctx: Ctx, sub: 'add' | 'edit'): Promise<number> {
  const name = needName(ctx, sub) as string;
  const store = ctx.profileStore();
  let base: Profile;
  if (sub === 'add') {
    const problem = profileNameProblem(name);
    if (problem) throw new UsageError(problem);
    if (store.get(name)) throw new CommandError(`profile "${name}" already exists (see \`${rerunLine(ctx, ['profiles', 'show', name], false)}\`); change it with profiles edit`, EXIT.changes);
    base = { name, url: '', auth: 'none' };
  } else {
    base = mustGet(ctx, name);
    if (!EDIT_FLAGS.some((f) => ctx.flags[f] !== undefined)) throw new UsageError('`profiles edit` needs at least one setting to change (see --help)');
  }
  const profile = await applyProfileFlags(base, ctx.flags as ProfileFlags, ctx.io, sub === 'add');
  store.upsert(profile);
  if (ctx.flags.default) store.setDefault(name);
  const isDefault = store.getDefaultName() === name;
  out(ctx.io, `${sub === 'add' ? 'added' : 'updated'} profile ${name}${isDefault ? ' (default)' : ''}: ${profile.url}, auth ${profile.auth}\n`);
  return EXIT.ok;
}

async function remove(ctx: Ctx): Promise<number> {
  const name = needName(ctx, 'remove') as string;
  mustGet(ctx, name);
  if (!ctx.flags.yes) {
    if (!ctx.io.isTTY) throw new UsageError(`not removing profile "${name}" without confirmation: pass --yes (no terminal to ask on)`);
    if (!(await confirm(ctx.io, `Remove profile "${name}"?`))) {
      ctx.io.stderr.write('not removed\n');
      return EXIT.changes;
    }
  }
  const wasDefault = ctx.profileStore().getDefaultName() === name;
  ctx.profileStore().remove(name);
  out(ctx.io, `removed profile ${name}${wasDefault ? '; there is no default profile now (set one with `bifrost-tui profiles use NAME`)' : ''}\n`);
  return EXIT.ok;
}

function use(ctx: Ctx): number {
  const name = needName(ctx, 'use') as string;
  mustGet(ctx, name);
  ctx.profileStore().setDefault(name);
  out(ctx.io, `default profile: ${name}\n`);
  return EXIT.ok;
}

async function test(ctx: Ctx): Promise<number> {
  const named = needName(ctx, 'test', true);
  const store = ctx.profileStore();
  const profile = named !== undefined ? mustGet(ctx, named) : store.getDefault();
  if (!profile) throw new UsageError('no default profile: name one (`bifrost-tui profiles test NAME`) or set one with `bifrost-tui profiles use NAME`');
  const credentials = urlCredentialsProblem(ctx.str('url') || profile.url);
  if (credentials) throw new UsageError(`profile "${profile.name}": ${credentials}`);
  const clock = ctx.deps.now;
  const r = await testProfile(profile, { env: ctx.io.env, url: ctx.str('url'), createClient: ctx.deps.createClient, now: clock ? () => clock().getTime() : undefined });
  if (r.stage === 'secret') {
    if (r.error instanceof SecretError) throw new CommandError(`profile "${profile.name}": ${r.error.message}`, EXIT.auth);
    throw r.error;
  }
  const where = { profile: profile.name, url: r.opts.baseUrl, auth: r.opts.auth.kind };
  if (!r.ok) {
    if (ctx.json) ctx.outJson({ ok: false, ...where, error: r.message, status: r.status });
    throw new CommandError(`profile "${profile.name}": ${r.message}`, r.isAuth ? EXIT.auth : EXIT.gateway);
  }
  if (ctx.json) {
    const gateway = r.version ? { gatewayVersion: formatGatewayVersion(r.version), gatewayLine: r.version.line } : { gatewayVersion: null, gatewayLine: null };
    ctx.outJson({ ok: true, ...where, authEnabled: r.authEnabled, providers: r.providers, ...gateway, ms: r.ms });
  } else {
    out(ctx.io, `ok: ${r.opts.baseUrl} (auth: ${r.opts.auth.kind}${authOffNote(r)}, ${r.providers} provider${r.providers === 1 ? '' : 's'}${versionNote(r)}, ${r.ms} ms)\n`);
  }
  return EXIT.ok;
}

/** The runner of each command in the tree's `profiles` group. */
export const PROFILES_RUNNERS: Runners = {
  list,
  show,
  add: (ctx) => addOrEdit(ctx, 'add'),
  edit: (ctx) => addOrEdit(ctx, 'edit'),
  remove,
  use,
  test,
};

/** Runs `profiles ...`; returns the exit code. Errors are one line on stderr; data goes only to stdout. */
export async function runProfilesCommand(argv: string[], io: CommandIO, deps: ProfilesDeps = {}): Promise<number> {
  return runSubcommand(PROFILES, PROFILES_RUNNERS, argv, io, deps, { errorPrefix: 'bifrost-tui profiles', precheck: refuseKeyArguments });
}

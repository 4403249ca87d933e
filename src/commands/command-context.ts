/**
 * Shared plumbing of the `providers` subcommands: global flags, the target
 * and client, confirmation, output streams, and errors → exit codes.
 */
import { ApiError } from '../api/api-error.js';
import { createClient as defaultCreateClient } from '../api/client.js';
import type { ClientOptions, GatewayClient } from '../api/types.js';
import type { Provider } from '../api/wire.js';
import { resolveTarget, type Target } from '../connection/target.js';
import { targetFlags } from '../connection/flags.js';
import { CommandError, exitFor, UsageError } from './command-errors.js';
import { openProfileStore } from '../store/profile-store.js';
import { scrubLiterals, scrubSecrets } from '../api/secrets.js';
import { printable, printableLines } from '../state/printable.js';
import { providerNameProblem } from '../api/provider-name.js';
import { openHistoryStore, type HistoryStore } from '../store/history-store.js';
import type { ProfileStore } from '../store/profile-store.js';
import { openSyncStore, type SyncStore } from '../store/sync-store.js';
import { confirm } from './prompt.js';
import { type CommandIO } from './types.js';
import { EXIT } from '../state/exit-codes.js';
import { formatData } from '../state/data-format.js';
import { rerunLine } from './rerun.js';
import type { Flags } from './command-args.js';
import type { OutputFormat } from './tree/groups.js';

/** Swappable services of every command group (tests pass temp-dir stores and may pass a client factory). */
export interface ProvidersDeps {
  store?: ProfileStore;
  history?: HistoryStore;
  /** State dir for the history store when `history` is not given. */
  historyDir?: string;
  now?: () => Date;
  createClient?: (opts: ClientOptions) => GatewayClient;
  /** The program's version (`bifrost-tui version`); the entry point passes it. */
  version?: string;
}



/** One running subcommand: streams, flags, and the secrets to scrub from any text. */
export class Ctx {
  readonly secrets: string[] = [];
  /** Set when the document came from stdin: a confirmation can then not be read from it. */
  stdinUsed = false;
  /** What error lines start with: `bifrost-tui` for providers/keys/fleet, `bifrost-tui profiles` for profiles. */
  errorPrefix = 'bifrost-tui';
  private target?: Target;
  private client?: GatewayClient;
  private ownStore?: ProfileStore;

  /** The command words (`['providers', 'set']`), for messages and printed commands. */
  commandPath: readonly string[] = [];

  constructor(
    readonly io: CommandIO,
    readonly flags: Flags,
    readonly args: string[],
    readonly deps: ProvidersDeps,
    /** -o/--output (or --json); undefined: the command's default. */
    readonly format?: OutputFormat,
  ) {
    for (const s of [flags['api-key'], io.env.BIFROST_API_KEY, flags['setup-token'], io.env.BIFROST_SETUP_TOKEN]) if (typeof s === 'string' && s) this.secrets.push(s);
  }

  /** Data rather than text for people: -o json, -o yaml or --json. */
  get json(): boolean {
    return this.format === 'json' || this.format === 'yaml';
  }
  get quiet(): boolean {
    return this.flags.quiet === true;
  }
  flag(name: string): boolean {
    return this.flags[name] === true;
  }
  str(name: string): string | undefined {
    const v = this.flags[name];
    return typeof v === 'string' ? v : undefined;
  }

  scrub(text: string): string {
    return scrubSecrets(text, this.secrets);
  }
  /** Text for humans on stdout, with the connection's secrets removed (values are masked already) and controls made visible. */
  out(text: string): void {
    this.io.stdout.write(printableLines(scrubLiterals(text, this.secrets)));
  }
  /** Data on stdout as -o asked (JSON unless yaml), verbatim: no control character is rewritten (both formats escape them). */
  outJson(value: unknown): void {
    this.io.stdout.write(formatData(value, this.format === 'yaml' ? 'yaml' : 'json'));
  }
  /** A note on stderr, unless --quiet. */
  note(text: string): void {
    if (!this.quiet) this.io.stderr.write(`${printable(this.scrub(text))}\n`);
  }
  /** An error line on stderr (always shown). */
  error(text: string): void {
    this.io.stderr.write(`${this.errorPrefix}: ${printable(this.scrub(text))}\n`);
  }

  /** The target once `connect` resolved it. */
  get connected(): Target | undefined {
    return this.target;
  }

  /** Resolves the gateway from flags, env and profiles (no request is made). */
  async connect(): Promise<Target> {
    if (this.target) return this.target;
    const target = await resolveTarget(targetFlags(this.flags), this.io.env, { store: this.deps.store });
    this.target = target;
    if (target.connection.secret) this.secrets.push(target.connection.secret);
    if (target.connection.setupToken) this.secrets.push(target.connection.setupToken);
    return target;
  }

  async gateway(): Promise<GatewayClient> {
    if (this.client) return this.client;
    const target = await this.connect();
    this.client = (this.deps.createClient ?? defaultCreateClient)(target.clientOptions);
    return this.client;
  }

  /** GET one provider; a 404 says which name and where to look. */
  async fetchProvider(name: string): Promise<Provider> {
    const client = await this.gateway();
    try {
      return await client.getProvider(name);
    } catch (err) {
      if (err instanceof ApiError && err.isNotFound) {
        throw new CommandError(`provider "${name}" is not configured on ${client.baseUrl} (see \`${rerunLine(this, ['providers', 'list'])}\`)`, EXIT.notFound);
      }
      throw err;
    }
  }

  /** The profile store (tests pass a temp-dir one); opened on first use, so a broken file fails only where profiles are used. */
  profileStore(): ProfileStore {
    return (this.ownStore ??= this.deps.store ?? openProfileStore({ env: this.io.env }));
  }

  history(): HistoryStore {
    return this.deps.history ?? openHistoryStore({ dir: this.deps.historyDir, env: this.io.env, now: this.deps.now });
  }

  /** Snapshots of the last export/apply of a directory, next to the history. */
  sync(): SyncStore {
    return openSyncStore({ dir: this.deps.historyDir, env: this.io.env });
  }

  now(): Date {
    return this.deps.now ? this.deps.now() : new Date();
  }

  async close(): Promise<void> {
    await this.client?.close();
    await this.target?.close();
  }
}

/** Runs a command body: prints any failure as one scrubbed line and returns its exit code. */
export async function runCommand(ctx: Ctx, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (err) {
    const { code, message } = exitFor(err);
    const seeHelp = code === EXIT.usage && !/--help/.test(message) && !(err instanceof UsageError && !err.seeHelp);
    ctx.error(seeHelp ? `${message} (see --help)` : message);
    return code;
  } finally {
    await ctx.close().catch(() => undefined);
  }
}

/** Exactly `count` positional arguments, named in `what` for the message. */
export function needArgs(ctx: Ctx, sub: string, what: readonly string[], min = what.length, group = 'providers'): string[] {
  if (ctx.args.length < min) throw new UsageError(`\`${group} ${sub}\` needs ${what.slice(ctx.args.length, min).join(' ')}`);
  if (ctx.args.length > what.length) throw new UsageError(`\`${group} ${sub}\` takes ${what.join(' ') || 'no arguments'}, got extra "${ctx.args[what.length]}"`);
  what.forEach((label, i) => {
    const problem = label === 'NAME' && ctx.args[i] !== undefined ? providerNameProblem(ctx.args[i]) : undefined;
    if (problem) throw new UsageError(problem);
  });
  return ctx.args;
}

/** Refuses writes through a read-only profile. */
export async function assertWritable(ctx: Ctx): Promise<void> {
  const target = await ctx.connect();
  if (target.connection.readOnly) {
    throw new CommandError(`profile "${target.connection.profile ?? ''}" is read-only: nothing was written`, EXIT.changes);
  }
}

/**
 * Confirms a write: `--yes`, or a `y` typed at a terminal. Returns true when
 * the user was asked (time passed, so the caller re-checks the gateway).
 */
export async function confirmWrite(ctx: Ctx, question: string): Promise<boolean> {
  if (ctx.flag('yes')) return false;
  if (!ctx.io.isTTY || ctx.stdinUsed) {
    const why = ctx.stdinUsed ? 'the file was read from stdin' : 'stdin is not a terminal';
    throw new CommandError(`refusing to write without confirmation (${why}): pass --yes`, EXIT.changes);
  }
  if (!(await confirm(ctx.io, question))) throw new CommandError('not confirmed: nothing was written', EXIT.changes);
  return true;
}

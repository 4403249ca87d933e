/** Secret values on the command line, kept out of the process title (what `ps` shows). */
/**
 * Printed on stderr whenever a secret was on the command line: the process
 * title is rewritten first thing, but Node's own start-up comes before any
 * code of ours, and for that long (measured 0.1-0.3 s; README "Quick start")
 * `ps` and /proc/PID/cmdline show the key to every local user.
 */
export const SECRET_ARG_WARNING =
  'bifrost-tui: warning: --api-key was visible to other users (ps, /proc) while Node started (about 0.1-0.3 s) and stays in your shell history; prefer BIFROST_API_KEY, a profile (profiles add NAME --api-key-stdin) or the key prompt\n';

/** Command-line options whose value is a secret. */
const SECRET_OPTIONS = new Set(['--api-key', '--setup-token']);

/**
 * The command line with the values of secret options replaced by `***`
 * (`--api-key KEY`, `--api-key=KEY`, the same for `--setup-token`), or undefined when it holds none.
 */
export function argvWithoutSecrets(argv: readonly string[]): string[] | undefined {
  let found = false;
  const out = argv.map((arg, i) => {
    const eq = arg.indexOf('=');
    if (eq > 0 && SECRET_OPTIONS.has(arg.slice(0, eq))) {
      found = true;
      return `${arg.slice(0, eq)}=***`;
    }
    if (i > 0 && SECRET_OPTIONS.has(argv[i - 1] ?? '') && !arg.startsWith('--')) {
      found = true;
      return '***';
    }
    return arg;
  });
  return found ? out : undefined;
}

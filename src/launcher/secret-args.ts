/** Secret values on the command line, kept out of the process title (what `ps` shows). */
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

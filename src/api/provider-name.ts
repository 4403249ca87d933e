/** Which provider names may be put in a request path. */

/**
 * Why `name` cannot name a provider in a URL, or undefined when it can.
 * `.` and `..` survive encodeURIComponent and the gateway's router resolves
 * them to other paths (`/api/providers/..` is `/api`); controls cannot be
 * shown or typed back.
 */
export function providerNameProblem(name: string): string | undefined {
  if (name.trim() === '') return 'invalid provider name "": a name is needed';
  if (name === '.' || name === '..') return `invalid provider name "${name}": a path segment, not a provider`;
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) return `invalid provider name ${JSON.stringify(name)}: control characters`;
  return undefined;
}

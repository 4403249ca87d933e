/** Allowed profile names: also used as file-name segments and conf keys. */
export const PROFILE_NAME_RE = /^[A-Za-z0-9._-]+$/;
export const PROFILE_NAME_MAX = 64;

/** Why `name` is not a valid profile name, or undefined when it is. */
export function profileNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'profile name is empty';
  if (name.length > PROFILE_NAME_MAX) return `profile name is longer than ${PROFILE_NAME_MAX} characters`;
  if (!PROFILE_NAME_RE.test(name)) return `profile name "${name}" may only contain letters, digits, ".", "_" and "-"`;
  if (/^\.+$/.test(name)) return `profile name "${name}" must not be only dots`;
  return undefined;
}

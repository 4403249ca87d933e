/**
 * Recognising the v2 refusals that are not about the request's content
 * (VERSIONS.md §5.6): the 403 "requires an authenticated admin session"
 * gates, which name the fields, and the v2.2.6 setup-token lock. Pure; the
 * client turns them into one actionable line.
 */

const GATE_PHRASE = 'requires an authenticated admin session';
const BASE_URL_GATE = /base URL or allow_private_network/i;

/**
 * The fields a gate 403 names, or undefined when the message is not a gate's.
 * `Changing a provider key's endpoint (a, b) requires …` and `Changing a
 * provider's proxy, TLS trust or absolute request URL settings (a) requires …`
 * list them; `Setting a provider's base URL or allow_private_network requires …` means two fields.
 */
export function gateFields(message: string): string[] | undefined {
  const at = message.indexOf(GATE_PHRASE);
  if (at < 0) return undefined;
  const head = message.slice(0, at);
  const listed = /\(([^()]*)\)\s*$/.exec(head)?.[1];
  if (listed !== undefined) return listed.split(/[,\s]+/).filter((f) => f !== '');
  if (BASE_URL_GATE.test(head)) return ['network_config.base_url', 'network_config.allow_private_network'];
  return [];
}

/** The one line for a gate 403: which fields, why, and what to do. */
export function gateMessage(fields: readonly string[]): string {
  const what = fields.length > 0 ? `changing ${fields.join(', ')}` : 'this change';
  return `${what} needs an authenticated admin session (the gateway's dashboard auth is off): turn dashboard authentication on and connect as an admin`;
}

/** Whether a 401/403 text is about the v2.2.6 setup lock rather than credentials. */
export function isSetupLock(message: string): boolean {
  return /setup[ -]?token|setup required|bifrost_setup/i.test(message);
}

/** Which key field a gateway refusal is about, so it can be shown at that field (CONTRACT.md §4.6). */

const FIELD_PREFIXES: readonly [RegExp, string][] = [
  [/^Invalid (models|blacklisted_models|aliases)\b/, '$1'],
  [/^API key names must be unique/, 'name'],
  [/^Key value must not be empty/, 'value'],
  [/url/i, 'url'],
];

/** The key field a 400/409 message concerns, or undefined when it names none. */
export function keyErrorField(message: string): string | undefined {
  for (const [re, field] of FIELD_PREFIXES) {
    const m = re.exec(message);
    if (m) return field.replace('$1', m[1] ?? '');
  }
  return undefined;
}

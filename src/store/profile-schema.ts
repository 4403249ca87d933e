/** JSON schema of the stored profile config (conf validates the file with it on every read and write). */

import { PROFILE_NAME_MAX, PROFILE_NAME_RE } from '../state/profiles/profile-name.js';

/** Schema version of the stored data (`version` field). Bump with a migration. */
export const CONFIG_VERSION = 1;

const secretSchema = {
  type: 'object',
  required: ['source'],
  oneOf: [
    { properties: { source: { const: 'stored' }, value: { type: 'string', minLength: 1 } }, required: ['value'] },
    { properties: { source: { const: 'env' }, name: { type: 'string', minLength: 1 } }, required: ['name'] },
    { properties: { source: { const: 'command' }, command: { type: 'string', minLength: 1 } }, required: ['command'] },
  ],
} as const;

const profileSchema = {
  type: 'object',
  required: ['name', 'url', 'auth'],
  // Unknown keys are kept: a newer version may add fields this one must not drop.
  additionalProperties: true,
  properties: {
    name: { type: 'string', pattern: PROFILE_NAME_RE.source, maxLength: PROFILE_NAME_MAX },
    url: { type: 'string', pattern: '^https?://[^\\s]+$' },
    auth: { enum: ['none', 'bearer', 'basic'] },
    username: { type: 'string' },
    secret: secretSchema,
    setupToken: secretSchema,
    caFile: { type: 'string' },
    insecure: { type: 'boolean' },
    timeoutMs: { type: 'integer', minimum: 1 },
    label: { type: 'string' },
    color: { type: 'string' },
    readOnly: { type: 'boolean' },
    refreshSeconds: { type: 'number', minimum: 0 },
  },
} as const;

/** conf `schema` (the root's `properties`). No `default`s: ajv would insert them and make conf rewrite the file. */
export const CONFIG_SCHEMA = {
  version: { type: 'integer', minimum: 1, maximum: CONFIG_VERSION },
  defaultProfile: { type: 'string' },
  profiles: {
    type: 'object',
    propertyNames: { pattern: PROFILE_NAME_RE.source },
    additionalProperties: profileSchema,
  },
} as const;

/** conf `rootSchema`: unknown top-level keys are allowed and kept. */
export const CONFIG_ROOT_SCHEMA = { additionalProperties: true } as const;

/** Keys of `Profile` this version knows; other keys of a stored profile are carried over on upsert. */
export const KNOWN_PROFILE_KEYS: ReadonlySet<string> = new Set(Object.keys(profileSchema.properties));

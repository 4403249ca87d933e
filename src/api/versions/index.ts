/**
 * Gateway versions: what the gateway runs and what that means for a write.
 *
 *   const rules = rulesFor(await client.version());
 *   providerPutBody(rules, name, fetched, edits)   // the PUT body in this line's dialect, or a refusal
 *   secretForTarget(rules, value)                   // a secret in a shape the line understands, or a refusal
 *   modelListMeaning(rules, models) / modelListFor(rules, meaning)
 *
 * The demo gateway never imports this (it is the independent test bed; eslint enforces it).
 */
export { formatGatewayVersion, isCertain, lineOf, parseRelease, VERSION_LINES } from './gateway-version.js';
export type { GatewayVersion, Release, VersionLine } from './gateway-version.js';
export { LINE_RULES, rulesFor, rulesForRelease, SUB_RULES } from './version-rules.js';
export type { ErrorPrefixes, GateRules, SecretShape, SubRule, VersionRules } from './version-rules.js';
export { gatedChanges, keyPutBody, keysWithChange, modelListFor, modelListMeaning, providerPutBody } from './dialect.js';
export type { KeyListChange, ModelListMeaning, Outcome } from './dialect.js';
export { sameSecretMeaning, secretForTarget, secretLiteral, secretObjectShape, secretReference, understoodBy } from './secret-dialect.js';
export type { SecretOutcome } from './secret-dialect.js';
export { gateFields, gateMessage, isSetupLock } from './gate-errors.js';

/** A faithful stand-in of the Bifrost management API on loopback, for tests and `--demo`. */
export { startDemoGateway } from './server.js';
export { mask, PROXY_SECRET_PLACEHOLDER } from './redact.js';
export { DEMO_CA_PEM, defaultSeed } from './seed.js';
export type { DemoAuth, DemoFault, DemoGateway, DemoGatewayOptions, RecordedRequest } from './types.js';

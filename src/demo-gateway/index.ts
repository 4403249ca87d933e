/** A faithful stand-in of the Bifrost management API on loopback, for tests and `--demo`. */
export { startDemoGateway } from './server.js';
export { mask, PROXY_SECRET_PLACEHOLDER } from './secret-codec.js';
export { DEMO_CA_PEM, defaultSeed } from './seed.js';
export { DEMO_VERSIONS, NEWEST_DEMO_VERSION, demoVersionOf, type DemoVersion } from './versions.js';
export type { DemoAuth, DemoFault, DemoGateway, DemoGatewayOptions, RecordedRequest } from './types.js';

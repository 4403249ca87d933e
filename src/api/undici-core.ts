/**
 * The parts of undici this client uses, loaded from undici's own modules
 * rather than its index. The index also loads fetch, WebSocket, the caches
 * and the mocks (about 525 KiB of the bundle), which start-up pays for even
 * though the management client never uses them.
 */
import type { Agent as AgentType, EnvHttpProxyAgent as EnvHttpProxyAgentType } from 'undici';
import AgentImpl from 'undici/lib/dispatcher/agent.js';
import DispatcherImpl from 'undici/lib/dispatcher/dispatcher.js';
import EnvHttpProxyAgentImpl from 'undici/lib/dispatcher/env-http-proxy-agent.js';
import api from 'undici/lib/api/index.js';

// What undici's index does so that every dispatcher has request(), stream() and friends.
Object.assign((DispatcherImpl as { prototype: object }).prototype, api);

export const Agent = AgentImpl as unknown as typeof AgentType;
export const EnvHttpProxyAgent = EnvHttpProxyAgentImpl as unknown as typeof EnvHttpProxyAgentType;
export type { Dispatcher } from 'undici';

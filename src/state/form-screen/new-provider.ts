/** The starting object for a provider the gateway has not configured yet: a built-in, or a custom one with its base type. */
import type { Provider } from '../../api/wire.js';

/**
 * Blocks the gateway requires on PUT, at its defaults: an empty
 * network_config (every 0/absent field means "gateway default"), the default
 * concurrency and buffer size (0 would be a 400), raw flags off.
 */
export function newProviderTemplate(name: string, base?: string): Provider {
  return {
    name,
    // A custom provider: its base type (fixed at creation); the rest as the form sets it.
    ...(base ? { custom_provider_config: { base_provider_type: base, is_key_less: false } } : {}),
    network_config: {},
    concurrency_and_buffer_size: { concurrency: 1000, buffer_size: 5000 },
    proxy_config: null,
    send_back_raw_request: false,
    send_back_raw_response: false,
    store_raw_request_response: false,
  };
}

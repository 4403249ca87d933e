/** Status badges: text and symbol first, colour role second (nothing depends on colour alone). */
import type { Provider } from '../../api/wire.js';

export interface Badge {
  text: string;
  role: 'ok' | 'error' | 'warn' | 'muted';
}

/** The provider's runtime status as a badge; unconfigured when `p` is undefined. */
export function statusBadge(p: Provider | undefined): Badge {
  if (!p) return { text: '○ not set up', role: 'muted' };
  switch (p.provider_status) {
    case 'active': return { text: '● active', role: 'ok' };
    case 'error': return { text: '✖ error', role: 'error' };
    case undefined: case '': return { text: '? unknown', role: 'muted' };
    default: return { text: `? ${p.provider_status}`, role: 'warn' };
  }
}

/** The gateway's operational note (e.g. list_models_failed), as a short marker. */
export function noteBadge(p: Provider | undefined): Badge | undefined {
  if (!p?.status) return undefined;
  return { text: `⚠ ${p.status}`, role: 'warn' };
}

export function baseUrlText(p: Provider | undefined): string {
  if (!p) return '';
  return p.network_config?.base_url || 'default';
}

export function concurrencyText(p: Provider | undefined): string {
  const c = p?.concurrency_and_buffer_size;
  return c ? `${c.concurrency}/${c.buffer_size}` : '';
}

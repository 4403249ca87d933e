/** Status badges: text and symbol first, colour role second (nothing depends on colour alone). */
import type { ProviderSummary } from '../../api/provider-summary.js';

export interface Badge {
  text: string;
  role: 'ok' | 'error' | 'warn' | 'muted';
}

/** The provider's runtime status as a badge; unconfigured when `p` is undefined. */
export function statusBadge(p: ProviderSummary | undefined): Badge {
  if (!p) return { text: '○ not set up', role: 'muted' };
  switch (p.providerStatus) {
    case 'active': return { text: '● active', role: 'ok' };
    case 'error': return { text: '✖ error', role: 'error' };
    case undefined: case '': return { text: '? unknown', role: 'muted' };
    default: return { text: `? ${p.providerStatus}`, role: 'warn' };
  }
}

/** The gateway's operational note (e.g. list_models_failed), as a short marker. */
export function noteBadge(p: ProviderSummary | undefined): Badge | undefined {
  if (!p?.status) return undefined;
  return { text: `⚠ ${p.status}`, role: 'warn' };
}

export function baseUrlText(p: ProviderSummary | undefined): string {
  if (!p) return '';
  return p.baseUrl || 'default';
}

/** `concurrency/buffer`, `?` for a half the gateway left out; '' when it sent neither. */
export function concurrencyText(p: ProviderSummary | undefined): string {
  if (!p || (p.concurrency === undefined && p.bufferSize === undefined)) return '';
  return `${p.concurrency ?? '?'}/${p.bufferSize ?? '?'}`;
}

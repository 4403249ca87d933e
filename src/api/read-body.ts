/** Reading a reply body with a byte cap, so a huge or endless reply cannot exhaust memory. */

/** Default cap on the bytes read from one reply: far above any real provider list. */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/** Thrown when the body is longer than the cap; the caller turns it into a bad-reply error. */
export class ResponseTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`larger than ${formatBytes(limit)}`);
  }
}

/** 67108864 -> "64 MiB", 1500 -> "1500 bytes". */
export function formatBytes(n: number): string {
  const mib = n / (1024 * 1024);
  if (Number.isInteger(mib)) return `${mib} MiB`;
  const kib = n / 1024;
  return Number.isInteger(kib) ? `${kib} KiB` : `${n} bytes`;
}

interface Body extends AsyncIterable<Uint8Array> {
  destroy(err?: Error): unknown;
}

/**
 * The body as UTF-8 text, or ResponseTooLarge as soon as more than `limit`
 * bytes are announced (content-length) or have arrived; the body is then
 * destroyed, which drops the connection instead of draining it.
 */
export async function readBodyCapped(body: Body, limit: number, contentLength: string | string[] | undefined): Promise<string> {
  const announced = Number(Array.isArray(contentLength) ? contentLength[0] : contentLength);
  if (Number.isFinite(announced) && announced > limit) {
    body.destroy();
    throw new ResponseTooLarge(limit);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > limit) {
      body.destroy();
      throw new ResponseTooLarge(limit);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

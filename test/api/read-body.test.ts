/** The reply body read chunk by chunk: text split anywhere comes out whole, and the cap holds. */
import { describe, expect, it } from 'vitest';
import { readBodyCapped, ResponseTooLarge } from '../../src/api/read-body.js';

function body(chunks: Uint8Array[]) {
  let destroyed = false;
  return {
    get destroyed() {
      return destroyed;
    },
    destroy() {
      destroyed = true;
    },
    async *[Symbol.asyncIterator]() {
      for (const c of chunks) yield c;
    },
  };
}

describe('readBodyCapped', () => {
  it('joins text whose characters are split between chunks at every byte', async () => {
    const text = '{"name":"prüfung-漢字-🙂","x":"a"}';
    const bytes = Buffer.from(text, 'utf8');
    for (let cut = 0; cut <= bytes.length; cut++) {
      const chunks = [bytes.subarray(0, cut), new Uint8Array(bytes.subarray(cut))];
      expect(await readBodyCapped(body(chunks), 1024, undefined)).toBe(text);
    }
    const oneByOne = [...bytes].map((b) => Uint8Array.of(b));
    expect(await readBodyCapped(body(oneByOne), 1024, undefined)).toBe(text);
  });

  it('stops at the cap, announced or arrived, and drops the connection', async () => {
    const announced = body([Buffer.from('x')]);
    await expect(readBodyCapped(announced, 10, '11')).rejects.toBeInstanceOf(ResponseTooLarge);
    expect(announced.destroyed).toBe(true);
    const arrived = body([Buffer.alloc(6), Buffer.alloc(6)]);
    await expect(readBodyCapped(arrived, 10, undefined)).rejects.toBeInstanceOf(ResponseTooLarge);
    expect(arrived.destroyed).toBe(true);
  });
});

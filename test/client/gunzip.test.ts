import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gunzipped } from '../../src/client/gunzip.ts';

const bytes = (b: Uint8Array) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
// An Arrow IPC stream starts with the continuation marker 0xFFFFFFFF.
const arrow = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x78, 0x00, 0x00, 0x00, 1, 2, 3]);

describe('gunzipped', () => {
  it('decompresses a gzip file', async () => {
    expect(new Uint8Array(await gunzipped(bytes(gzipSync(arrow))))).toEqual(arrow);
  });

  it('hands back bytes a browser has already decompressed (sent with Content-Encoding: gzip)', async () => {
    expect(new Uint8Array(await gunzipped(bytes(arrow)))).toEqual(arrow);
    expect(new Uint8Array(await gunzipped(new ArrayBuffer(0)))).toEqual(new Uint8Array(0));
  });
});

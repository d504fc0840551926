/**
 * The bytes, decompressed if they start with gzip's magic number: a host that sends a .gz file with
 * `Content-Encoding: gzip` has the browser decompress it already.
 */
export async function gunzipped(buffer: ArrayBuffer): Promise<ArrayBuffer> {
  const head = new Uint8Array(buffer, 0, Math.min(2, buffer.byteLength));
  if (head[0] !== 0x1f || head[1] !== 0x8b) return buffer;
  return new Response(new Blob([buffer]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
}

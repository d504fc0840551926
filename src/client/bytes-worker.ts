import { gunzipped } from './gunzip.ts';

/**
 * Fetches one file and hands its bytes over (transferred, not copied), decompressed when they are gzip (the
 * published cube). Run in a worker so that reading a large body (megabytes) never blocks the page's main thread.
 */
export type BytesReply = { buffer: ArrayBuffer } | { error: string };

onmessage = async (event: MessageEvent<string>) => {
  const reply = (message: BytesReply, transfer: Transferable[] = []) => postMessage(message, { transfer });
  try {
    const response = await fetch(event.data);
    if (!response.ok) return reply({ error: String(response.status) });
    const buffer = await gunzipped(await response.arrayBuffer());
    reply({ buffer }, [buffer]);
  } catch (error) {
    reply({ error: error instanceof Error ? error.message : String(error) });
  }
};

import type { BytesReply } from './bytes-worker.ts';

// The folder the site is published in (Astro's base, which ends with a slash): a host's root, or a folder of it.
const root = new URL(import.meta.env.BASE_URL, location.href);

/** The address of a file the site serves (the engine, a report's data, a page), given from the site's folder: always the site itself, never another host. */
export function siteFile(path: string): string {
  return new URL(path, root).href;
}

/** A file of the site as JSON; a missing file is an error naming it. */
export async function siteJson(path: string): Promise<unknown> {
  const response = await fetch(siteFile(path));
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json() as Promise<unknown>;
}

/** A file of the site as bytes, read in a worker (see bytes-worker); a missing file is an error naming it. */
export function siteBytes(path: string): Promise<Uint8Array> {
  const worker = new Worker(new URL('./bytes-worker.ts', import.meta.url), { type: 'module' });
  return new Promise<Uint8Array>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<BytesReply>) => {
      const reply = event.data;
      if ('buffer' in reply) resolve(new Uint8Array(reply.buffer));
      else reject(new Error(`${path}: ${reply.error}`));
    };
    worker.onerror = (event) => reject(new Error(`${path}: ${event.message || 'could not be fetched'}`));
    worker.postMessage(siteFile(path));
  }).finally(() => worker.terminate());
}

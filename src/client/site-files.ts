const root = new URL('/', location.href);

/** The address of a file the site serves (the engine, a report's data): always the site itself, never another host. */
export function siteFile(path: string): string {
  return new URL(path, root).href;
}

/** A file of the site as JSON; a missing file is an error naming it. */
export async function siteJson(path: string): Promise<unknown> {
  const response = await fetch(siteFile(path));
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json() as Promise<unknown>;
}

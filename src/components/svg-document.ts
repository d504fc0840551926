import { parseHTML } from 'linkedom';

/** A DOM document for Observable Plot at build time, where there is no browser. */
export function svgDocument(): Document {
  return parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
}

import { existsSync } from 'node:fs';
import { renderAsync } from '@resvg/resvg-js';

/** Size of a share image (the page's social preview): the common 1.91:1 card. */
export const SHARE_IMAGE = { width: 1200, height: 630 } as const;

/**
 * Fonts for chart images: DejaVu Sans for Latin text and Droid Sans Fallback for Chinese (Debian's
 * fonts-dejavu-core and fonts-droid-fallback). Large CJK fonts such as Noto CJK cost the rasteriser about
 * 60 ms per text element, ten times these; without them the system's fonts are used, slowly.
 */
const RASTER_FONTS = [
  { family: 'DejaVu Sans', files: ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'] },
  { family: 'Droid Sans Fallback', files: ['/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf'] },
];
const rasterFonts = () => {
  const found = RASTER_FONTS.every((f) => f.files.every((file) => existsSync(file)));
  const families = found ? RASTER_FONTS.map((f) => f.family) : ['sans-serif'];
  const font = found
    ? { loadSystemFonts: false, fontFiles: RASTER_FONTS.flatMap((f) => f.files), defaultFontFamily: families[0]!, sansSerifFamily: families[0]! }
    : { loadSystemFonts: true };
  return { font, stack: families.join(', ') };
};

/** The fonts chart images are drawn in, by name: what a kept image depends on beside its SVG. */
export function rasterFontStack(): string {
  return rasterFonts().stack;
}

/** An SVG to rasterise at `width` pixels wide (it has a viewBox, so it scales). */
export interface RasterJob {
  svg: string;
  width: number;
}

/** Where PNGs drawn by an earlier build may be kept, by job: drawing is the slow part of the downloads. */
export interface PngStore {
  get(job: RasterJob): Uint8Array | undefined;
  set(job: RasterJob, png: Uint8Array): void;
}

/** A PNG's size, from its header (the IHDR chunk that every PNG starts with). */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Rasterises SVGs to PNGs, every text in the rasteriser's fonts (see RASTER_FONTS); `store` spares drawing one again. */
export async function rasterise(jobs: RasterJob[], store?: PngStore): Promise<Raster[]> {
  const { font, stack } = rasterFonts();
  // renderAsync runs on libuv's thread pool: the jobs render on every core at once.
  return Promise.all(
    jobs.map(async (j) => {
      const kept = store?.get(j);
      if (kept) return { png: kept, ...pngSize(kept) };
      const image = await renderAsync(j.svg.replace(/font-family="[^"]*"/g, `font-family="${stack}"`), { font, fitTo: { mode: 'width', value: j.width } });
      const png = image.asPng();
      store?.set(j, png);
      return { png, width: image.width, height: image.height };
    }),
  );
}

/** A PNG and its size in pixels. */
export interface Raster {
  png: Uint8Array;
  width: number;
  height: number;
}

/** An SVG document's root placed inside another at (x, y), scaled to w x h. */
function placed(svg: string, x: number, y: number, w: number, h: number): string {
  return svg
    .replace(/^<\?xml[^>]*>\s*/, '')
    .replace(/^<svg([^>]*)>/, (_, attrs: string) => `<svg${attrs.replace(/\s(width|height|x|y)="[^"]*"/g, '')} x="${x}" y="${y}" width="${w}" height="${h}">`);
}

/** The share image of a chart: its standalone SVG centred on a white 1200 x 630 card. */
export function shareSvg(svg: string): string {
  const { width, height } = SHARE_IMAGE;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><rect width="${width}" height="${height}" fill="white"/>${placed(svg, 24, 24, width - 48, height - 48)}</svg>`;
}

/**
 * Head-unit displays the workbench can show, each with its physical size so the frame is drawn to
 * scale. The layout is always drawn in CSS px at the panel's scale factor (`dpr`): every 8:3 preset
 * comes back to 1280×480 CSS px, only sharper and physically bigger or smaller (src/app/display.ts).
 *
 * Presets: the pixel formats of current iDrive displays (1280×480, 1440×540, 1920×720, 2560×960 at
 * the diagonals in display.ts), plus the two common physical sizes of the wide 1920×720 panel:
 * 10.25″ (dense, ≈ 7.9 px/mm) and 12.3″ (≈ 6.6 px/mm). `WxH` (e.g. `1600x600`) is a free size at
 * scale factor 1 and the default density.
 */
import { DEFAULT_DENSITY, DISPLAY_PRESETS, densityOf } from '../app/display.js';

export interface Viewport {
  /** Name in the URL (`?viewport=`). */
  readonly id: string;
  readonly label: string;
  /** Physical pixels. */
  readonly width: number;
  readonly height: number;
  /** Browser scale factor on the head unit: CSS px = physical px / dpr. */
  readonly dpr: number;
  /** Physical pixels per millimetre. */
  readonly density: number;
  /** Diagonal in inches, or null for a free size. */
  readonly diagonalIn: number | null;
}

function fromDiagonal(
  id: string,
  label: string,
  width: number,
  height: number,
  dpr: number,
  diagonalIn: number,
): Viewport {
  return { id, label, width, height, dpr, diagonalIn, density: densityOf(width, height, diagonalIn) };
}

export const VIEWPORTS: readonly Viewport[] = [
  ...DISPLAY_PRESETS.map((p) => ({
    id: p.name,
    label: `${p.width}×${p.height} (${p.diagonalIn}″)`,
    width: p.width,
    height: p.height,
    dpr: p.dpr,
    density: p.density,
    diagonalIn: p.diagonalIn,
  })),
  fromDiagonal('10.25in', '10.25″ wide (1920×720)', 1920, 720, 1.5, 10.25),
  fromDiagonal('12.3in', '12.3″ wide (1920×720)', 1920, 720, 1.5, 12.3),
];

export const DEFAULT_VIEWPORT: Viewport = VIEWPORTS[0]!;

/** A preset by id, or a free `WxH` size (320–3840 × 200–2160); null for anything else. */
export function viewportById(id: string | null): Viewport | null {
  if (!id) return null;
  const preset = VIEWPORTS.find((v) => v.id === id);
  if (preset) return preset;
  const m = /^(\d{3,4})x(\d{3,4})$/.exec(id);
  if (!m) return null;
  const width = Number(m[1]);
  const height = Number(m[2]);
  if (width < 320 || width > 3840 || height < 200 || height > 2160) return null;
  return {
    id,
    label: `Free ${width}×${height}`,
    width,
    height,
    dpr: 1,
    density: DEFAULT_DENSITY,
    diagonalIn: null,
  };
}

/** The layout size in CSS px (what the screens are drawn for). */
export function layoutSize(v: Viewport): { width: number; height: number } {
  return { width: Math.round(v.width / v.dpr), height: Math.round(v.height / v.dpr) };
}

/** The glass in millimetres. */
export function physicalMm(v: Viewport): { width: number; height: number } {
  return { width: v.width / v.density, height: v.height / v.density };
}

/** CSS px per mm on a desktop monitor (CSS reference pixel: 96 per inch). */
export const DESKTOP_PX_PER_MM = 96 / 25.4;

export type Zoom = 'physical' | 'pixels' | 'fit';
export const ZOOMS: readonly Zoom[] = ['physical', 'pixels', 'fit'];

/**
 * How much the layout is scaled on the desktop: `physical` draws the glass at its real size (so a
 * 12.3″ frame is bigger than a 10.25″ one), `pixels` one panel pixel per screen pixel, `fit` as big
 * as the space allows.
 */
export function frameScale(v: Viewport, zoom: Zoom, space: { width: number; height: number }): number {
  const layout = layoutSize(v);
  switch (zoom) {
    case 'physical':
      return (physicalMm(v).width * DESKTOP_PX_PER_MM) / layout.width;
    case 'pixels':
      return v.dpr;
    case 'fit':
      return Math.max(0.2, Math.min(space.width / layout.width, space.height / layout.height));
  }
}

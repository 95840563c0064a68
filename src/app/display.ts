/**
 * Head-unit displays and pixel density. The layout is drawn for 1280×480 CSS px; a bigger panel runs
 * at a device pixel ratio that brings it back to that size (the browser's scale factor), so every
 * preset shows the same layout, sharper. Physical size comes from the panel's density: physical
 * pixels per millimetre (`density`, in `config.json` or `?density=`).
 */
import { EMERGENCY_TARGET_MM } from '../styles/token-numbers.generated.js';

/** A real head-unit panel: its physical pixels, the scale factor the browser runs at, and its density. */
export interface DisplayPreset {
  readonly name: string;
  /** Physical pixels. */
  readonly width: number;
  readonly height: number;
  /** Device pixel ratio the kiosk browser is started with (CSS px = physical px / dpr). */
  readonly dpr: number;
  /** Diagonal in inches (for the record; the density follows from it). */
  readonly diagonalIn: number;
  /** Physical pixels per millimetre. */
  readonly density: number;
}

/** Physical pixels per mm of a panel of this resolution and diagonal. */
export function densityOf(width: number, height: number, diagonalIn: number): number {
  return Math.hypot(width, height) / (diagonalIn * 25.4);
}

function preset(name: string, width: number, height: number, dpr: number, diagonalIn: number): DisplayPreset {
  return {
    name,
    width,
    height,
    dpr,
    diagonalIn,
    density: Math.round(densityOf(width, height, diagonalIn) * 100) / 100,
  };
}

/** Panels of current head units (8:3 wide displays), each back at 1280×480 CSS px. */
export const DISPLAY_PRESETS: readonly DisplayPreset[] = [
  preset('1280x480', 1280, 480, 1, 10.25),
  preset('1440x540', 1440, 540, 1.125, 10.25),
  preset('1920x720', 1920, 720, 1.5, 12.3),
  preset('2560x960', 2560, 960, 2, 12.3),
];

/** The density assumed when none is configured: the smallest panel, 10.25" at 1280×480 (≈ 5.25 px/mm). */
export const DEFAULT_DENSITY = DISPLAY_PRESETS[0]!.density;

/**
 * Emergency actions are at least this tall and wide on the glass (ISO 15005 / gloved-finger rule of
 * thumb): the design token `emergency-target.mm` (tokens/base.tokens.json).
 */
export { EMERGENCY_TARGET_MM };

/** CSS px an emergency action needs to be `EMERGENCY_TARGET_MM` on a panel of `density` at `dpr`. */
export function emergencyTargetPx(density: number, dpr: number): number {
  return Math.ceil((EMERGENCY_TARGET_MM * density) / dpr);
}

/** Millimetres on the glass of `cssPx` CSS pixels. */
export function cssPxToMm(cssPx: number, density: number, dpr: number): number {
  return (cssPx * dpr) / density;
}

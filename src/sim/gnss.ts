/**
 * The GNSS receiver: the car's position, or no fix (`no-gps`). A fix is always 3D and trusted here;
 * without one every coordinate is null and nothing is trusted.
 */
import { NO_GNSS_FIX, type GnssSignal } from '../bridge/signals.js';

export interface SimulatorPosition {
  readonly latitude: number;
  readonly longitude: number;
  readonly headingDeg: number | null;
}

/** Munich, Odeonsplatz, heading east-north-east: a fixed, plausible position. */
export const DEFAULT_POSITION = { latitude: 48.1424, longitude: 11.5775, headingDeg: 72 } as const;

/** The receiver's report: `position` with a fix, nothing without one. */
export function gnssSignal(position: SimulatorPosition, fix: boolean, ts: number): GnssSignal {
  if (!fix) return { type: 'gnss', ts, ...NO_GNSS_FIX };
  const { latitude, longitude, headingDeg } = position;
  return { type: 'gnss', ts, fix: '3d', latitude, longitude, headingDeg, trusted: true };
}

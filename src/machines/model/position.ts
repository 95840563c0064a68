/**
 * The car's position as the HMI shows it and the emergency data carried it, pure: from a GNSS
 * report, trusted only with a fix the receiver trusts.
 */
import type { GnssFix, GnssSignal } from '../../bridge/signals.js';

export interface PositionView {
  readonly latitude: number;
  readonly longitude: number;
  readonly headingDeg: number | null;
  readonly trusted: boolean;
  readonly fix: GnssFix;
}

/** The position a GNSS report gives, or null when it carries no coordinates. */
export function positionOf(gnss: Omit<GnssSignal, 'type' | 'ts'>): PositionView | null {
  if (gnss.latitude === null || gnss.longitude === null) return null;
  return {
    latitude: gnss.latitude,
    longitude: gnss.longitude,
    headingDeg: gnss.headingDeg,
    trusted: gnss.trusted && gnss.fix !== 'none',
    fix: gnss.fix,
  };
}

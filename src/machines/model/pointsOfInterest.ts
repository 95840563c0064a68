/**
 * Points of interest after a call, pure: the nearest police station and hospital from the points
 * the vehicle side provides, with distance and compass direction from the car.
 */
import type { PointOfInterest, PointOfInterestKind } from '../../bridge/signals.js';

export interface PointOfInterestView extends PointOfInterest {
  /** Metres from the car, null without a position. */
  readonly distanceM: number | null;
  /** Bearing from the car, degrees from north, null without a position. */
  readonly bearingDeg: number | null;
}

const EARTH_RADIUS_M = 6_371_000;
const rad = (deg: number): number => (deg * Math.PI) / 180;

/** Great-circle distance (haversine), metres. */
export function distanceM(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
): number {
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Initial bearing from a to b, 0–359 degrees. */
export function bearingDeg(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
): number {
  const y = Math.sin(rad(b.longitude - a.longitude)) * Math.cos(rad(b.latitude));
  const x =
    Math.cos(rad(a.latitude)) * Math.sin(rad(b.latitude)) -
    Math.sin(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.cos(rad(b.longitude - a.longitude));
  return Math.round(((Math.atan2(y, x) * 180) / Math.PI + 360) % 360) % 360;
}

/**
 * The nearest point of each kind (police first, then hospital). Without a position the first point
 * of each kind is taken as provided (the centre already sorted them), without distance.
 */
export function nearestPoints(
  points: readonly PointOfInterest[],
  position: { latitude: number; longitude: number } | null,
): PointOfInterestView[] {
  const kinds: PointOfInterestKind[] = ['police', 'hospital'];
  const out: PointOfInterestView[] = [];
  for (const kind of kinds) {
    const candidates = points
      .filter((p) => p.kind === kind)
      .map((p) => ({
        ...p,
        distanceM: position ? Math.round(distanceM(position, p)) : null,
        bearingDeg: position ? bearingDeg(position, p) : null,
      }));
    if (position) candidates.sort((a, b) => (a.distanceM ?? 0) - (b.distanceM ?? 0));
    if (candidates[0]) out.push(candidates[0]);
  }
  return out;
}

/**
 * The real vehicle, through the gateway's VISS endpoint. Its own chunk: the desktop simulator never
 * loads it.
 */
import { VissBridge } from '../bridge/vissBridge.js';
import type { VehicleFactory } from './assembleHmi.js';

/** `token`: the access token for KUKSA's JWT model (`config.json`); else one on the URL (`?token=`), if any. */
export function vissVehicle(url: string, token: string | null = null): VehicleFactory {
  return (clock) => ({
    bridge: new VissBridge({ clock, url, ...(token !== null ? { authorization: token } : {}) }),
    sim: null,
    scenarios: [],
  });
}

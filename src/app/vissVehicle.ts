/**
 * The real vehicle, through the gateway's VISS endpoint. Its own chunk: the desktop simulator never
 * loads it.
 */
import { VissBridge } from '../bridge/vissBridge.js';
import type { VehicleFactory } from './assembleHmi.js';

export function vissVehicle(url: string): VehicleFactory {
  return (clock) => ({ bridge: new VissBridge({ clock, url }), sim: null, scenarios: [] });
}

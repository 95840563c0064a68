/**
 * `assembleHmi` with the vehicle named instead of built: the simulator by default, or the gateway.
 * For tests and tools that want both bridges at hand; the page's entry loads only the one it uses.
 */
import type { SosConfig } from '../machines/config.js';
import { assembleHmi, type AssembleHmiOptions, type Hmi } from './assembleHmi.js';
import { mockVehicle, type MockVehicleOptions } from './mockVehicle.js';
import { vissVehicle } from './vissVehicle.js';

export { PERF, type Hmi, type Vehicle, type VehicleFactory } from './assembleHmi.js';

export interface CreateHmiOptions extends Omit<AssembleHmiOptions, 'vehicle'>, MockVehicleOptions {
  /** `mock` (default): the in-browser simulator; `{ kind: 'viss', url }`: the vehicle gateway over VISS. */
  readonly bridge?: 'mock' | { readonly kind: 'viss'; readonly url: string };
  readonly config?: Partial<SosConfig>;
}

export function createHmi(options: CreateHmiOptions = {}): Hmi {
  const { bridge = 'mock', scenario, faults, link, unit, ...rest } = options;
  const vehicle =
    bridge === 'mock'
      ? mockVehicle({
          ...(scenario !== undefined ? { scenario } : {}),
          ...(faults ? { faults } : {}),
          ...(link ? { link } : {}),
          ...(unit ? { unit } : {}),
        })
      : vissVehicle(bridge.url);
  return assembleHmi({ ...rest, vehicle });
}

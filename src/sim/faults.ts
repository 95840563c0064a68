import type { MostNode } from '../bridge/signals.js';

/** MOST ring units a ring fault can name (`most-node-failure:<unit>` and friends): every MOST node. */
export type RingUnit = MostNode;
// Written out, not `MOST_NODES`: the first frame's URL parser reads faults, and signals load after it.
export const RING_UNITS: readonly RingUnit[] = [
  'head-unit',
  'amplifier',
  'telematics',
  'satellite-radio',
  'hands-free',
];

/**
 * Every cause from the product description, as the simulator injects it:
 * - `software-glitch`: the telematics software hangs; only a battery reset clears it.
 * - `control-module-failure`: the SOS/telematics control module is dead (stays until cleared).
 * - `bluetooth-fault`: the hands-free/Bluetooth module reports a fault (ring stays closed).
 * - `no-cellular` / `no-gps`: no network registration / no position fix.
 * - `most-node-failure:<unit>`: the unit's optical transmitter fails: the ring opens after it.
 * - `fibre-damage:<unit>`: the fibre into that unit is broken: the ring opens before it.
 * - `blown-fuse:<unit>`: the unit has no power: it is silent and the ring opens at it.
 * - `network-without-ecall`: registered on a network that takes 112 but no eCall (2G/3G switched off,
 *   no NG-eCall on 4G/5G): SOS is limited, a call goes out as plain 112 voice without the car's data.
 * - `weak-cellular`: registered but 1 bar (limited). `microphone-fault`, `speaker-fault`,
 *   `backup-battery-low`, `crash-sensor-fault`, `sos-button-fault`: single-unit faults (UN R144 cases).
 */
export type Fault =
  | 'software-glitch'
  | 'control-module-failure'
  | 'bluetooth-fault'
  | 'no-cellular'
  | 'weak-cellular'
  | 'network-without-ecall'
  | 'no-gps'
  | 'microphone-fault'
  | 'speaker-fault'
  | 'backup-battery-low'
  | 'crash-sensor-fault'
  | 'sos-button-fault'
  | `most-node-failure:${RingUnit}`
  | `fibre-damage:${RingUnit}`
  | `blown-fuse:${RingUnit}`;

const SIMPLE_FAULTS = [
  'software-glitch',
  'control-module-failure',
  'bluetooth-fault',
  'no-cellular',
  'weak-cellular',
  'network-without-ecall',
  'no-gps',
  'microphone-fault',
  'speaker-fault',
  'backup-battery-low',
  'crash-sensor-fault',
  'sos-button-fault',
] as const;

/** Every fault name the simulator accepts, in documentation order. */
export const ALL_FAULTS: readonly Fault[] = [
  ...SIMPLE_FAULTS,
  ...RING_UNITS.map((u) => `most-node-failure:${u}` as const),
  ...RING_UNITS.map((u) => `fibre-damage:${u}` as const),
  ...RING_UNITS.map((u) => `blown-fuse:${u}` as const),
];

export function isFault(value: unknown): value is Fault {
  return typeof value === 'string' && (ALL_FAULTS as readonly string[]).includes(value);
}

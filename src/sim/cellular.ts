/**
 * The telematics unit's modem on the cellular network: registration, signal bars and what the
 * network here offers for eCall, from the faults present.
 */
import type { CellularSignal, EcallService } from '../bridge/signals.js';
import type { Fault } from './faults.js';

/**
 * What the network here offers for eCall; the unit reads it from the cell even unregistered.
 * `network-without-ecall`: 112 yes, eCall no (2G/3G switched off, Del. Reg. (EU) 2025/1871).
 * @param network what the network offers without that fault
 */
export function ecallService(faults: readonly Fault[], network: EcallService): EcallService {
  return faults.includes('network-without-ecall') ? 'none' : network;
}

/** The modem is registered on a network. */
export function registered(faults: readonly Fault[]): boolean {
  return !faults.includes('no-cellular');
}

export function cellularSignal(faults: readonly Fault[], network: EcallService, ts: number): CellularSignal {
  // Not registered: no network offers anything (the HMI reads "no network" from `registered`).
  if (!registered(faults)) return { type: 'cellular', ts, registered: false, signalBars: 0, ecall: 'none' };
  return {
    type: 'cellular',
    ts,
    registered: true,
    signalBars: faults.includes('weak-cellular') ? 1 : 4,
    ecall: ecallService(faults, network),
  };
}

/**
 * Fault memory: turns what passes through the HMI (vehicle signals, the causes the status machine
 * finds, the commands the HMI sends) into fault-log entries with the pure `reduceFaultLog`.
 * The composition root loads the entries into `input.entries` and persists `context.log.entries`.
 */
import { assign, setup } from 'xstate';
import type { VehicleCommand } from '../bridge/commands.js';
import type { BridgeMachineEvent } from './events.js';
import {
  emptyFaultLog,
  reduceFaultLog,
  type FaultLog,
  type FaultLogEntry,
  type FaultLogInput,
} from './faultLog.js';
import type { Cause } from './views.js';

/** From the status machine (through the root) whenever the causes change. */
export interface StatusCausesEvent {
  readonly type: 'status.causes';
  readonly at: number;
  readonly causes: readonly Cause[];
}

export type FaultMemoryEvent =
  | BridgeMachineEvent
  | StatusCausesEvent
  | { readonly type: 'child.command'; readonly command: VehicleCommand };

export interface FaultMemoryInput {
  readonly entries?: readonly FaultLogEntry[];
}

export interface FaultMemoryContext {
  readonly log: FaultLog;
  /** Latest vehicle time seen (commands carry none). */
  readonly lastTs: number;
}

/** What an event means for the fault memory, or null. */
export function toFaultLogInput(event: FaultMemoryEvent, lastTs: number): FaultLogInput | null {
  switch (event.type) {
    case 'status.causes':
      return {
        type: 'causes',
        at: event.at,
        causes: event.causes.map((c) => ({ id: c.id, units: c.units })),
      };
    case 'bridge.ignition':
      return { type: 'ignition', at: event.ts, state: event.state };
    case 'bridge.selfTestResult':
      return { type: 'selfTestResult', at: event.ts, item: event.item, result: event.result };
    case 'bridge.commandAck':
      if (event.ok) return null;
      if (event.command === 'requestSelfTest')
        return { type: 'selfTestRefused', at: event.ts, reason: event.error ?? 'refused' };
      if (event.command === 'startCall')
        return { type: 'callOutcome', at: event.ts, outcome: 'rejected', reason: event.error ?? 'refused' };
      return null;
    case 'bridge.callProgress':
      switch (event.phase) {
        case 'voiceConnected':
          return { type: 'callOutcome', at: event.ts, outcome: 'connected' };
        case 'contactsNotified':
          return { type: 'callOutcome', at: event.ts, outcome: 'contactsNotified' };
        case 'endedByCentre':
          return { type: 'callOutcome', at: event.ts, outcome: 'endedByCentre' };
        case 'callbackIncoming':
          return { type: 'callOutcome', at: event.ts, outcome: 'callback' };
        case 'dropped':
        case 'failed':
          return {
            type: 'callOutcome',
            at: event.ts,
            outcome: event.phase,
            ...(event.reason !== undefined ? { reason: event.reason } : {}),
          };
        default:
          return null;
      }
    case 'child.command': {
      const c = event.command;
      if (c.type === 'startCall') return { type: 'callStarted', at: lastTs, kind: c.kind };
      if (c.type === 'endCall') return { type: 'callOutcome', at: lastTs, outcome: 'endedByOccupant' };
      if (c.type === 'setRingBypass')
        return { type: 'bypass', at: lastTs, unit: c.unit, bypassed: c.bypassed };
      return null;
    }
    default:
      return null;
  }
}

export const faultMemoryMachine = setup({
  types: {
    context: {} as FaultMemoryContext,
    events: {} as FaultMemoryEvent,
    input: {} as FaultMemoryInput | undefined,
  },
  actions: {
    record: assign(({ context, event }) => {
      const lastTs =
        'ts' in event && typeof event.ts === 'number' ? Math.max(context.lastTs, event.ts) : context.lastTs;
      const input = toFaultLogInput(event, lastTs);
      const log = input ? reduceFaultLog(context.log, input) : context.log;
      if (log === context.log && lastTs === context.lastTs) return {};
      return { log, lastTs };
    }),
  },
}).createMachine({
  id: 'faultMemory',
  context: ({ input }) => ({ log: emptyFaultLog(input?.entries ?? []), lastTs: 0 }),
  on: { '*': { actions: 'record' } },
});

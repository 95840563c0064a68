/**
 * Root of the SOS HMI: invokes the status machine (`status`, which invokes `malfunction`) and the
 * emergency-call machine (`call`), routes every event to where it belongs and emits every vehicle
 * command as `{ type: 'command', command }` — the composition root hands them to the bridge.
 */
import { emit, sendTo, setup } from 'xstate';
import type { VehicleCommand } from '../bridge/commands.js';
import { DEFAULT_CONFIG, type SosConfig } from './config.js';
import { emergencyCallMachine } from './emergencyCallMachine.js';
import type { SosEvent } from './events.js';
import { statusMachine, type ChildCommandEvent, type StatusChangedEvent } from './statusMachine.js';

export interface SosHmiInput {
  readonly config?: Partial<SosConfig>;
}

/** Emitted for every command a machine wants the vehicle to execute, in order. */
export interface CommandEmitted {
  readonly type: 'command';
  readonly command: VehicleCommand;
}

export type SosHmiEvent = SosEvent | StatusChangedEvent | ChildCommandEvent;

export const sosHmiMachine = setup({
  types: {
    context: {} as { readonly config: SosConfig },
    events: {} as SosHmiEvent,
    input: {} as SosHmiInput | undefined,
    emitted: {} as CommandEmitted,
  },
  actors: { status: statusMachine, call: emergencyCallMachine },
  actions: {
    toStatus: sendTo(
      'status',
      ({ event }) => event as Exclude<SosHmiEvent, ChildCommandEvent | StatusChangedEvent>,
    ),
    toCall: sendTo('call', ({ event }) => event as Exclude<SosHmiEvent, ChildCommandEvent>),
    emitCommand: emit(({ event }) => {
      if (event.type !== 'child.command')
        throw new Error(`emitCommand needs child.command, got ${event.type}`);
      return { type: 'command' as const, command: event.command };
    }),
  },
}).createMachine({
  id: 'sosHmi',
  context: ({ input }) => ({ config: { ...DEFAULT_CONFIG, ...input?.config } }),
  invoke: [
    { id: 'status', systemId: 'status', src: 'status', input: ({ context }) => ({ config: context.config }) },
    { id: 'call', systemId: 'call', src: 'call', input: ({ context }) => ({ config: context.config }) },
  ],
  initial: 'running',
  states: { running: {} },
  on: {
    'bridge.*': { actions: ['toStatus', 'toCall'] },
    'user.acknowledge': { actions: 'toStatus' },
    'user.showMalfunction': { actions: 'toStatus' },
    'user.selfTest': { actions: 'toStatus' },
    'user.cancel': { actions: 'toCall' },
    'user.callNow': { actions: 'toCall' },
    'user.dismiss': { actions: 'toCall' },
    // The LED belongs to the call machine; it needs to know about malfunctions.
    'status.changed': { actions: 'toCall' },
    'child.command': { actions: 'emitCommand' },
  },
});

/**
 * Root of the SOS HMI: invokes the status machine (`status`, which invokes `malfunction`) and the
 * emergency-call machine (`call`, which mirrors the telematics unit's session), routes every event to
 * where it belongs and emits every vehicle command as `{ type: 'command', command }` — the
 * composition root hands them to the bridge.
 */
import { emit, sendTo, setup } from 'xstate';
import { DEFAULT_CONFIG, type SosConfig } from './config.js';
import { diagnosticsMachine } from './diagnosticsMachine.js';
import { emergencyCallMachine } from './emergencyCallMachine.js';
import type { ChildCommandEvent, CommandEmitted, SosEvent, StatusCausesEvent } from './events.js';
import { faultMemoryMachine } from './faultMemoryMachine.js';
import type { FaultLogEntry } from './model/faultLog.js';
import { statusMachine } from './statusMachine.js';

export interface SosHmiInput {
  readonly config?: Partial<SosConfig>;
  /** Fault-memory entries kept from before (the composition root loads them from storage). */
  readonly faultLog?: readonly FaultLogEntry[];
}

export type SosHmiEvent = SosEvent | ChildCommandEvent | StatusCausesEvent;

export const sosHmiMachine = setup({
  types: {
    context: {} as { readonly config: SosConfig; readonly faultLog: readonly FaultLogEntry[] },
    events: {} as SosHmiEvent,
    input: {} as SosHmiInput | undefined,
    emitted: {} as CommandEmitted,
  },
  actors: {
    status: statusMachine,
    call: emergencyCallMachine,
    diagnostics: diagnosticsMachine,
    faultMemory: faultMemoryMachine,
  },
  actions: {
    toStatus: sendTo(
      'status',
      ({ event }) => event as Exclude<SosHmiEvent, ChildCommandEvent | StatusCausesEvent>,
    ),
    toCall: sendTo(
      'call',
      ({ event }) => event as Exclude<SosHmiEvent, ChildCommandEvent | StatusCausesEvent>,
    ),
    toDiagnostics: sendTo(
      'diagnostics',
      ({ event }) => event as Extract<SosHmiEvent, { type: `user.${string}` }>,
    ),
    toFaultMemory: sendTo(
      'faultMemory',
      ({ event }) => event as Exclude<SosHmiEvent, { type: `user.${string}` }>,
    ),
    emitCommand: emit(({ event }) => {
      if (event.type !== 'child.command')
        throw new Error(`emitCommand needs child.command, got ${event.type}`);
      return { type: 'command' as const, command: event.command };
    }),
  },
}).createMachine({
  id: 'sosHmi',
  context: ({ input }) => ({
    config: { ...DEFAULT_CONFIG, ...input?.config },
    faultLog: input?.faultLog ?? [],
  }),
  invoke: [
    { id: 'status', systemId: 'status', src: 'status', input: ({ context }) => ({ config: context.config }) },
    { id: 'call', systemId: 'call', src: 'call', input: ({ context }) => ({ config: context.config }) },
    { id: 'diagnostics', systemId: 'diagnostics', src: 'diagnostics' },
    {
      id: 'faultMemory',
      systemId: 'faultMemory',
      src: 'faultMemory',
      input: ({ context }) => ({ entries: context.faultLog }),
    },
  ],
  initial: 'running',
  states: { running: {} },
  on: {
    'bridge.*': { actions: ['toStatus', 'toCall', 'toFaultMemory'] },
    'user.acknowledge': { actions: 'toStatus' },
    'user.showMalfunction': { actions: 'toStatus' },
    'user.selfTest': { actions: 'toStatus' },
    'user.cancel': { actions: 'toCall' },
    'user.callNow': { actions: 'toCall' },
    'user.dismiss': { actions: 'toCall' },
    'user.testCall': { actions: 'toCall' },
    'user.endTestCall': { actions: 'toCall' },
    'user.startGuidance': { actions: 'toCall' },
    'user.openText': { actions: 'toCall' },
    'user.textMode': { actions: 'toCall' },
    'user.closeText': { actions: 'toCall' },
    'user.sendPhrase': { actions: 'toCall' },
    'user.sendText': { actions: 'toCall' },
    'user.openSafety': { actions: 'toCall' },
    'user.closeSafety': { actions: 'toCall' },
    'user.hazardLights': { actions: 'toCall' },
    // Opening the diagnosis from the Check Control message acknowledges the message.
    'user.openDiagnostics': { actions: ['toStatus', 'toDiagnostics'] },
    'user.diagnosticsBack': { actions: 'toDiagnostics' },
    'user.closeDiagnostics': { actions: 'toDiagnostics' },
    'user.bypass': { actions: 'toDiagnostics' },
    'status.causes': { actions: 'toFaultMemory' },
    'child.command': { actions: ['emitCommand', 'toFaultMemory'] },
  },
});

/**
 * Every event that reaches a machine or passes between machines, in one place: what the vehicle
 * says through the bridge (`bridge.*`), what the occupants ask through the screens (`user.*`), what
 * the status machine tells the others (`status.*`), and the commands children hand to the root
 * (`child.command`), which emits them for the composition root (`command`). Events a machine only
 * raises to itself stay in its own file.
 */
import type { VehicleCommand } from '../bridge/commands.js';
import type { BridgeConnection, BridgeEvent, LinkProblem } from '../bridge/vehicleBridge.js';
import type {
  CallSessionSignal,
  CellularSignal,
  CommandAckSignal,
  ConversationSignal,
  CrashSignal,
  GnssSignal,
  HazardLightsSignal,
  IgnitionSignal,
  MostNode,
  MostRingSignal,
  PointOfInterestKind,
  PointsOfInterestSignal,
  PresetPhrase,
  SelfTestResultSignal,
  SosButtonSignal,
  SosLedSignal,
  UnitHealthSignal,
  VehicleConfigSignal,
  VehicleSignal,
} from '../bridge/signals.js';
import type { Assessment, Cause } from './model/causes.js';
import type { GuideId } from './model/guides.js';

/** Prefixes a signal's type with `bridge.` so machine events form one namespaced union. */
type FromBridge<S extends VehicleSignal> = Omit<S, 'type'> & { readonly type: `bridge.${S['type']}` };

/** Events that come from the vehicle through the bridge. */
export type BridgeMachineEvent =
  | FromBridge<IgnitionSignal>
  | FromBridge<UnitHealthSignal>
  | FromBridge<MostRingSignal>
  | FromBridge<GnssSignal>
  | FromBridge<CellularSignal>
  | FromBridge<SosButtonSignal>
  | FromBridge<CrashSignal>
  | FromBridge<CallSessionSignal>
  | FromBridge<SosLedSignal>
  | FromBridge<CommandAckSignal>
  | FromBridge<SelfTestResultSignal>
  | FromBridge<PointsOfInterestSignal>
  | FromBridge<ConversationSignal>
  | FromBridge<HazardLightsSignal>
  | FromBridge<VehicleConfigSignal>
  | { readonly type: 'bridge.connection'; readonly state: BridgeConnection }
  | { readonly type: 'bridge.linkProblem'; readonly problem: LinkProblem };

/** A diagnosis page. */
export type DiagnosticsPage =
  | { readonly screen: 'selfTest' }
  | { readonly screen: 'ring' }
  | { readonly screen: 'guide'; readonly guide: GuideId }
  | { readonly screen: 'faultMemory' };

/** Events from the occupant, through the screens (iDrive controller, touch). */
export type UserEvent =
  /** Ask the telematics unit not to call (cancel window; a manual call without one until it connects). */
  | { readonly type: 'user.cancel' }
  /** Ask the telematics unit to dial now instead of waiting for the cancel window. */
  | { readonly type: 'user.callNow' }
  /** Acknowledge the Check Control message (until the next ignition cycle). */
  | { readonly type: 'user.acknowledge' }
  /** Re-open the malfunction details after acknowledging. */
  | { readonly type: 'user.showMalfunction' }
  /** Close an informational call screen (ended, failed, cancelled). */
  | { readonly type: 'user.dismiss' }
  /** Ask the telematics unit for a self-test. */
  | { readonly type: 'user.selfTest' }
  /** Open a diagnosis page (self-test results, ring diagram, a guide, fault memory). */
  | { readonly type: 'user.openDiagnostics'; readonly page: DiagnosticsPage }
  /** Back to the previous diagnosis page (or out of diagnosis). */
  | { readonly type: 'user.diagnosticsBack' }
  /** Leave diagnosis. */
  | { readonly type: 'user.closeDiagnostics' }
  /** Bypass test: a fibre-optic bypass loop fitted at (or removed from) a ring unit. */
  | { readonly type: 'user.bypass'; readonly unit: MostNode; readonly bypassed: boolean }
  /** Ask the telematics unit for an eCall TEST session (test number, flagged as a test; no emergency services). */
  | { readonly type: 'user.testCall' }
  /** Ask the telematics unit to end the test call. */
  | { readonly type: 'user.endTestCall' }
  /** Directions to the nearest police station or hospital. */
  | { readonly type: 'user.startGuidance'; readonly kind: PointOfInterestKind }
  /** Open the text conversation with the centre (preset phrases first). */
  | { readonly type: 'user.openText' }
  /** Switch the conversation panel to the on-screen keyboard, or back to the phrases. */
  | { readonly type: 'user.textMode'; readonly mode: 'phrases' | 'keyboard' }
  /** Close the conversation panel (the conversation goes on). */
  | { readonly type: 'user.closeText' }
  /** Send a preset phrase to the centre. */
  | { readonly type: 'user.sendPhrase'; readonly phrase: PresetPhrase }
  /** Send typed text to the centre (cut to `MAX_TEXT_LENGTH`; blank text is not sent). */
  | { readonly type: 'user.sendText'; readonly text: string }
  /** Open the post-crash guidance card. */
  | { readonly type: 'user.openSafety' }
  /** Close the post-crash guidance card. */
  | { readonly type: 'user.closeSafety' }
  /** Ask the car to switch the hazard lights on (the guidance's first step). */
  | { readonly type: 'user.hazardLights' };

export type SosEvent = BridgeMachineEvent | UserEvent;

/** The one translation from what the bridge delivers to what machines receive. */
export function toMachineEvent(event: BridgeEvent): BridgeMachineEvent {
  if (event.kind === 'connection') return { type: 'bridge.connection', state: event.state };
  if (event.kind === 'linkProblem') return { type: 'bridge.linkProblem', problem: event.problem };
  const { type, ...rest } = event.signal;
  return { ...rest, type: `bridge.${type}` } as BridgeMachineEvent;
}

/** Sent by the status machine to the malfunction machine whenever the assessment or the ignition cycle changes. */
export interface StatusAssessedEvent {
  readonly type: 'status.assessed';
  readonly assessment: Assessment;
  readonly ignitionCycle: number;
}

/** From the status machine (through the root) to the fault memory whenever the causes change. */
export interface StatusCausesEvent {
  readonly type: 'status.causes';
  readonly at: number;
  readonly causes: readonly Cause[];
}

/** A command for the vehicle, handed by a child machine to the root. */
export interface ChildCommandEvent {
  readonly type: 'child.command';
  readonly command: VehicleCommand;
}

/** Emitted for every command a machine wants the vehicle to execute, in order (the root's reach the bridge). */
export interface CommandEmitted {
  readonly type: 'command';
  readonly command: VehicleCommand;
}

/**
 * Hands a command for the vehicle on, from inside an `enqueueActions`: emitted (so a machine run on
 * its own, in a test, shows it) and, under the root, sent to it as `child.command`.
 */
export function queueCommand(
  enqueue: { emit(event: CommandEmitted): void; sendParent(event: ChildCommandEvent): void },
  self: { readonly _parent?: unknown },
  command: VehicleCommand,
): void {
  enqueue.emit({ type: 'command', command });
  if (self._parent) enqueue.sendParent({ type: 'child.command', command });
}

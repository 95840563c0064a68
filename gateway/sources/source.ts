/**
 * What the VISS server needs of the vehicle side: signals out (plus a few plain VSS values such as
 * the VIN or the bus state), commands in. The simulator, the CAN bus and the MOST ring are sources.
 */
import type { VehicleCommand } from '../../src/bridge/commands.js';
import type { VehicleSignal } from '../../src/bridge/signals.js';

export type SourceOutput =
  | { readonly kind: 'signal'; readonly signal: VehicleSignal }
  | { readonly kind: 'vss'; readonly path: string; readonly value: string };

/** The vehicle's answer to a command; `null` = no answer (the HMI reports a timeout). */
export type CommandResult = { readonly ok: true } | { readonly ok: false; readonly error: string } | null;

export interface VehicleSource {
  readonly name: string;
  onOutput(listener: (output: SourceOutput) => void): () => void;
  /** Whether this source handles a command type (others may, in a combined source). */
  handles(command: VehicleCommand): boolean;
  command(command: VehicleCommand): Promise<CommandResult>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Several sources behind one: outputs merged, each command to the first source that handles it. */
export class CombinedSource implements VehicleSource {
  readonly name: string;
  constructor(private readonly sources: readonly VehicleSource[]) {
    this.name = sources.map((s) => s.name).join('+');
  }
  onOutput(listener: (output: SourceOutput) => void): () => void {
    const offs = this.sources.map((s) => s.onOutput(listener));
    return () => offs.forEach((off) => off());
  }
  handles(command: VehicleCommand): boolean {
    return this.sources.some((s) => s.handles(command));
  }
  command(command: VehicleCommand): Promise<CommandResult> {
    const source = this.sources.find((s) => s.handles(command));
    return source
      ? source.command(command)
      : Promise.resolve({ ok: false, error: 'not supported by this vehicle' });
  }
  async start(): Promise<void> {
    for (const s of this.sources) await s.start();
  }
  async stop(): Promise<void> {
    for (const s of this.sources) await s.stop();
  }
}

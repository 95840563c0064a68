/**
 * A vehicle source for the gateway tests: it says only what the test makes it say, records every
 * command that reaches it and answers each one as the test decides (by default `{ ok: true }`).
 */
import type { VehicleCommand } from '../../../src/bridge/commands.js';
import type { VehicleSignal } from '../../../src/bridge/signals.js';
import type { CommandResult, SourceOutput, VehicleSource } from '../../../gateway/sources/source.js';

export interface FakeVehicleOptions {
  /** The command types this vehicle takes (default: all); the gateway refuses the others. */
  readonly handles?: (command: VehicleCommand) => boolean;
  /** The vehicle's answer to a command it takes (default `{ ok: true }`). */
  readonly answer?: (command: VehicleCommand) => CommandResult;
}

export class FakeVehicle implements VehicleSource {
  readonly name = 'fake';
  /** Every command that reached the vehicle, in order. */
  readonly received: VehicleCommand[] = [];
  /** When false, commands never get an answer from the vehicle. */
  answers = true;
  private listener: ((o: SourceOutput) => void) | null = null;

  constructor(private readonly options: FakeVehicleOptions = {}) {}

  onOutput(l: (o: SourceOutput) => void) {
    this.listener = l;
    return () => (this.listener = null);
  }
  handles(c: VehicleCommand) {
    return this.options.handles?.(c) ?? true;
  }
  command(c: VehicleCommand): Promise<CommandResult> {
    this.received.push(c);
    if (!this.answers) return new Promise<CommandResult>(() => {});
    return Promise.resolve(this.options.answer ? this.options.answer(c) : { ok: true });
  }
  /** Anything a source puts out: a signal or a plain VSS value. */
  emit(o: SourceOutput) {
    this.listener?.(o);
  }
  /** A signal from the vehicle. */
  say(signal: VehicleSignal) {
    this.emit({ kind: 'signal', signal });
  }
  async start() {}
  async stop() {}
}

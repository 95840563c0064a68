/**
 * The simulated vehicle: a `VehicleSimulator` behind the `MockBridge`, put in a named start situation
 * once the machines listen. Its own chunk: a head unit on the vehicle link never loads it.
 */
import { MockBridge } from '../bridge/mockBridge.js';
import type { SentCommand } from '../bridge/commands.js';
import { VehicleSimulator, type VehicleSimulatorOptions } from '../sim/vehicleSimulator.js';
import type { Fault } from '../sim/faults.js';
import type { TelematicsSettings } from '../sim/types.js';
import { SCENARIO_NAMES, applyScenario } from '../sim/scenarios.js';
import type { VehicleFactory } from './assembleHmi.js';

export { SCENARIO_NAMES };

export interface MockVehicleOptions {
  /** Named start situation applied to the simulator; `ready` when absent. */
  readonly scenario?: string | null;
  /** Faults injected into the simulator right after the scenario (deep links, `?faults=`). */
  readonly faults?: readonly Fault[];
  /** The vehicle link at start (`?link=lost`: the car has not answered yet). Default `connected`. */
  readonly link?: 'connected' | 'lost';
  /** The simulated telematics unit's settings (cancel window, redial, hold-to-end …); defaults otherwise. */
  readonly unit?: Partial<TelematicsSettings>;
}

/**
 * The simulated car on a desktop: its speech output (a message from the centre read aloud) is the
 * browser's `speechSynthesis` where there is one; the simulator itself has no DOM.
 */
class DesktopCar extends VehicleSimulator {
  override receive(sent: SentCommand): void {
    super.receive(sent);
    const { command } = sent;
    const speech = globalThis.speechSynthesis as SpeechSynthesis | undefined;
    if (command.type !== 'speak' || !speech || typeof SpeechSynthesisUtterance === 'undefined') return;
    const utterance = new SpeechSynthesisUtterance(command.text);
    if (command.lang) utterance.lang = command.lang;
    speech.speak(utterance);
  }
}

export function mockVehicle(options: MockVehicleOptions = {}): VehicleFactory {
  return (clock) => {
    const simulatorOptions: VehicleSimulatorOptions = {
      clock,
      ...(options.unit ? { telematics: options.unit } : {}),
    };
    const bridge = new MockBridge({
      clock,
      link: options.link ?? 'connected',
      simulator: new DesktopCar(simulatorOptions),
    });
    const sim = bridge.sim;
    if (!sim) throw new Error('sos-hmi: the mock bridge has no simulator');
    return {
      bridge,
      sim,
      scenarios: SCENARIO_NAMES,
      start: () => {
        applyScenario(sim, options.scenario ?? 'ready');
        for (const fault of options.faults ?? []) sim.inject(fault);
      },
    };
  };
}

/**
 * Named start situations (`?scenario=<name>`): each puts a fresh simulator into a situation at time 0,
 * before the first message is on the bus. The simulator starts with the ignition on and no faults.
 */
import type { Fault } from './faults.js';
import type { VehicleSimulator } from './vehicleSimulator.js';

export interface Scenario {
  /** One line for the README and the designer workbench. */
  readonly description: string;
  apply(sim: VehicleSimulator): void;
}

const withFault = (description: string, ...faults: Fault[]): Scenario => ({
  description,
  apply(sim) {
    sim.ignition('on');
    for (const fault of faults) sim.inject(fault);
  },
});

export const SCENARIOS: Readonly<Record<string, Scenario>> = {
  ready: {
    description: 'Ignition on, every unit healthy, ring closed, GNSS fix and good network.',
    apply(sim) {
      sim.ignition('on');
    },
  },
  'ignition-off': {
    description: 'Car parked, ignition off: only the terminal status is on the bus.',
    apply(sim) {
      sim.ignition('off');
    },
  },
  'ring-break-satellite-radio': withFault(
    'Failed satellite radio (the most common cause): MOST ring open, audio and hands-free gone, SOS malfunction.',
    'most-node-failure:satellite-radio',
  ),
  'ring-break-amplifier': withFault('Failed amplifier breaks the MOST ring.', 'most-node-failure:amplifier'),
  'ring-break-telematics': withFault(
    'Failed telematics unit breaks the MOST ring.',
    'most-node-failure:telematics',
  ),
  'ring-break-hands-free': withFault(
    'Failed hands-free module breaks the MOST ring.',
    'most-node-failure:hands-free',
  ),
  'fibre-damage': withFault(
    'Damaged fibre into the satellite radio: ring open between telematics and satellite radio.',
    'fibre-damage:satellite-radio',
  ),
  'blown-fuse-head-unit': withFault(
    'Blown MOST fuse at the head unit: the ring cannot start, head unit reports the fuse.',
    'blown-fuse:head-unit',
  ),
  'blown-fuse-amplifier': withFault(
    'Blown fuse of the amplifier: it is dark and the ring is open.',
    'blown-fuse:amplifier',
  ),
  'software-glitch': withFault(
    'Telematics software hangs: SOS unavailable until a battery reset.',
    'software-glitch',
  ),
  'control-module-failure': withFault(
    'SOS/telematics control module failed: no call possible.',
    'control-module-failure',
  ),
  'bluetooth-fault': withFault('Hands-free/Bluetooth module reports a fault.', 'bluetooth-fault'),
  'no-cellular': withFault('No network registration: calls fail with "no network".', 'no-cellular'),
  'weak-cellular': withFault('Registered, but only one bar: SOS limited.', 'weak-cellular'),
  'no-gps': withFault('No GNSS fix: calls work, but the position cannot be trusted.', 'no-gps'),
  'microphone-fault': withFault(
    'Microphone disconnected: the centre may not hear the occupants.',
    'microphone-fault',
  ),
  'speaker-fault': withFault(
    'Loudspeaker fault at the amplifier: occupants may not hear the centre.',
    'speaker-fault',
  ),
  'backup-battery-low': withFault(
    'Backup battery of the telematics unit needs replacing.',
    'backup-battery-low',
  ),
  'crash-sensor-fault': withFault('Crash sensor/airbag unit fault: no automatic call.', 'crash-sensor-fault'),
  'sos-button-fault': withFault('SOS button fault: no manual call.', 'sos-button-fault'),
  crash: {
    description:
      'Ready, then a severe crash at once (airbags deployed, 2 occupants): the telematics unit dials an automatic call.',
    apply(sim) {
      sim.ignition('on');
      sim.crash({ severity: 3, airbagDeployed: true, rollover: false, occupants: 2 });
    },
  },
  'no-answer': {
    description: 'Ready, but the emergency centre never answers: every attempt fails with "no answer".',
    apply(sim) {
      sim.ignition('on');
      sim.callCentre({ noAnswer: true });
    },
  },
  'drop-mid-call': {
    description: 'Ready; the first call drops 15 s after voice connected, the redial then holds.',
    apply(sim) {
      sim.ignition('on');
      sim.callCentre({ dropAfterMs: 15_000, dropCount: 1 });
    },
  },
  callback: {
    description: 'Ready; the centre ends each call after 20 s of voice and calls back 30 s later.',
    apply(sim) {
      sim.ignition('on');
      sim.callCentre({ endAfterMs: 20_000, callbackAfterMs: 30_000 });
    },
  },
  'slow-answer': {
    description: 'Ready; the centre takes 15 s to answer.',
    apply(sim) {
      sim.ignition('on');
      sim.callCentre({ answerDelayMs: 15_000 });
    },
  },
  'network-without-ecall': withFault(
    "Ready, on a network that takes 112 but no eCall (2G/3G switched off): a call goes out as plain 112 voice, without the car's data.",
    'network-without-ecall',
  ),
  'crash-electric': {
    description:
      'An electric car (door release: lever beside the window switches), then a severe crash at once: an automatic call.',
    apply(sim) {
      sim.ignition('on');
      sim.vehicleConfig({ powertrain: 'electric', doorRelease: 'leverBesideWindowSwitch' });
      sim.crash({ severity: 3, airbagDeployed: true, rollover: false, occupants: 2 });
    },
  },
  'centre-messages': {
    description:
      'A severe crash; the centre writes to the occupants 3 s and 8 s after voice connected (RFC 8147 text).',
    apply(sim) {
      sim.ignition('on');
      sim.callCentre({
        messages: [
          { afterMs: 3000, text: 'Help is on the way. An ambulance is 8 minutes away.' },
          { afterMs: 8000, text: 'If you cannot speak, use Text on the screen.' },
        ],
      });
      sim.crash({ severity: 3, airbagDeployed: true, rollover: false, occupants: 2 });
    },
  },
  'msd-negative': {
    description:
      'A severe crash; the centre acknowledges the data negatively (EN 17184): the call goes on, the centre may ask where you are.',
    apply(sim) {
      sim.ignition('on');
      sim.callCentre({ msdAck: 'negative' });
      sim.crash({ severity: 3, airbagDeployed: true, rollover: false, occupants: 2 });
    },
  },
  'data-requested': {
    description:
      'A severe crash; the centre asks for fresh data 5 s after voice connected (NG-eCall SIP INFO).',
    apply(sim) {
      sim.ignition('on');
      sim.callCentre({ requestDataAfterMs: 5000 });
      sim.crash({ severity: 3, airbagDeployed: true, rollover: false, occupants: 2 });
    },
  },
};

export type ScenarioName = keyof typeof SCENARIOS;

/** Every scenario name, in documentation order. */
export const SCENARIO_NAMES: readonly string[] = Object.keys(SCENARIOS);

/** Applies a named scenario; throws with the list of names for an unknown one. */
export function applyScenario(sim: VehicleSimulator, name: string): void {
  const scenario = Object.hasOwn(SCENARIOS, name) ? SCENARIOS[name] : undefined;
  if (!scenario) throw new Error(`unknown scenario "${name}" (known: ${SCENARIO_NAMES.join(', ')})`);
  scenario.apply(sim);
}

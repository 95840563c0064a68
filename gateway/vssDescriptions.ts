/**
 * What each VSS path of `VSS_PATHS` (src/bridge/vissPaths.ts) carries, in words: the `description`
 * of the generated overlay `vss/sos-overlay.vspec` (gateway/tools/makeOverlay.ts). Kept out of the
 * path table so the browser bundle, which needs only paths and datatypes, does not carry them.
 */
import { CHAIN_UNITS, MAX_CONVERSATION_LINES, MAX_TEXT_LENGTH } from '../src/bridge/signals.js';
import { PATHS } from '../src/bridge/vissPaths.js';

export const VSS_DESCRIPTIONS: ReadonlyMap<string, string> = new Map([
  [
    PATHS.lowVoltageSystemState,
    'Terminal state (KLEMMEN ST_KL): OFF, ACC, ON, START; UNDEFINED while the source is stale.',
  ],
  [PATHS.latitude, 'WGS84 degrees.'],
  [PATHS.longitude, 'WGS84 degrees.'],
  [PATHS.heading, 'Degrees from north.'],
  [PATHS.fixType, 'GNSS fix (VSS 4.0 GNSSReceiver.FixType; the project uses NONE, TWO_D, THREE_D).'],
  [PATHS.positionTrusted, 'EN 15722 "position can be trusted" (within ±150 m at 95 %).'],
  [PATHS.connectivity, 'The telematics modem is registered on a network (112 works on any).'],
  [PATHS.signalBars, 'Cellular signal strength, 0–5 bars.'],
  [
    PATHS.ecallService,
    'What the network the modem is registered on offers for the emergency call: NG_ECALL (IMS, EN 17184), ECALL (circuit-switched, in-band MSD, EN 16062) or NONE (112 voice only, no eCall: 2G/3G switched off, no NG-eCall on 4G/5G). No value: the unit does not say.',
  ],
  [
    PATHS.airbagDeployed,
    'Airbag deployed (ST_CR ST_DEPLOY_AB); informative, the HMI acts on the crash event.',
  ],
  [PATHS.vin, 'Full VIN, when known.'],
  [PATHS.vinLast7, 'Last 7 characters of the VIN, as FAHRGESTELLNUMMER (0x380) carries them.'],
  [PATHS.ringLocked, 'MOST ring locked (light all the way round).'],
  [
    PATHS.ringState,
    'MOST ring as one JSON document {nodes, closed, silent, breakBetween?}: ring order from the network master, ring-break diagnosis.',
  ],
  [PATHS.buttonEvent, 'SOS button event, JSON {seq, action: "press"|"release", heldMs?}.'],
  [
    PATHS.crashEvent,
    'Crash event from the airbag unit, JSON {seq, severity 1–4, airbagDeployed, rollover, occupants 0–9}; a field the unit did not give is null (unknown). Never sent on subscribe.',
  ],
  [
    PATHS.callSession,
    'The telematics unit owns the emergency call; this is its session report, one JSON document {seq, phase, kind, attempt, triggeredAt, cancelWindowEndsAt, nextAttemptAt, redialWindowEndsAt, callbackWindowEndsAt, failureReason, callEnd, msd, voiceSince, contactsNotified, cancellable, holdToEndMs, holdEndsAt, crash, audioMuted, transport, msdUpdatedAt}. transport: "ngECall" (EN 17184), "eCall" (EN 16062), "plain112" (a 112 voice call without the car’s data) or null before the first attempt; msdUpdatedAt: when the unit last sent fresh data at the centre’s request (null = never); an older unit leaves both out (taken as null). Times are vehicle time, ms since the Unix epoch (null = none). seq changes with every change of the session; cyclic repeats keep it. A state: the current report is sent on subscribe.',
  ],
  [
    PATHS.conversation,
    `The text conversation of the session with the emergency centre (RFC 8147 text, EECC art. 109: access not only by voice), one JSON document {seq, lines: [{id, from: "centre"|"occupants", at, phrase, text, delivery: "sending"|"sent"|"delivered"|"failed"}]}: oldest first, at most ${MAX_CONVERSATION_LINES} lines, each a preset phrase code (occupants) or a text of at most ${MAX_TEXT_LENGTH} characters, exactly one. seq changes with every change; emptied when the session ends. A state: sent on subscribe.`,
  ],
  [
    PATHS.ledState,
    'SOS LED above the mirror as the telematics unit drives it: OFF, GREEN_BLINKING, GREEN_STEADY, RED.',
  ],
  [
    PATHS.selfTestResult,
    'One self-test result of the telematics unit, JSON {seq, item, result: "pass"|"fail", code?}.',
  ],
  [
    PATHS.pointsOfInterest,
    'Nearest police stations and hospitals, JSON {points: [{kind, name, address, latitude, longitude}]}.',
  ],
  [
    PATHS.dayNightMode,
    'Display day/night mode (DAY, NIGHT); the HMI follows it when present (presentation only).',
  ],
  [
    PATHS.hazardLights,
    'Hazard warning lights signalling (VSS). The HMI’s request (post-crash guidance) sets the target; the lights as the body reports them are the current value.',
  ],
  [
    PATHS.powertrainType,
    'Powertrain (VSS): COMBUSTION, HYBRID, ELECTRIC; electric and hybrid cars carry high voltage.',
  ],
  [
    PATHS.doorRelease,
    'Where the mechanical door release is when the electric door openers have no power (ISO 17840 rescue sheet): INNER_HANDLE (pull the inner handle, twice on some cars), LEVER_BESIDE_WINDOW_SWITCH, CABLE_IN_DOOR_POCKET (under the door pocket mat). No value: not known.',
  ],
  [
    PATHS.busState,
    'Gateway view of the vehicle bus: ACTIVE, PARTLY_STALE (a cyclic message missing), SILENT, DOWN.',
  ],
  ...CHAIN_UNITS.flatMap((unit): [string, string][] => [
    [PATHS.unitStatus(unit), `Health of the ${unit} unit as it reports it itself.`],
    [PATHS.unitCode(unit), `Diagnostic code of the ${unit} unit ("" = none). Published before Status.`],
  ]),
  [
    PATHS.command.cancelCall,
    'Occupants ask the telematics unit not to call ("true"): cancel window, or a manual call not yet connected. Never rate-limited.',
  ],
  [
    PATHS.command.callNow,
    'Occupants ask the telematics unit to dial now instead of waiting for the cancel window ("true"). Rate-limited.',
  ],
  [
    PATHS.command.endCall,
    'Occupants ask the telematics unit to end the call of the session ("true"); refused for an automatic call. Never rate-limited.',
  ],
  [
    PATHS.command.answerCallback,
    'Answer the emergency centre’s call-back now ("true"); the unit also answers by itself. Rate-limited.',
  ],
  [
    PATHS.command.startTestCall,
    'Ask the telematics unit for an eCall TEST session ("true"): test number, no emergency services. Rate-limited.',
  ],
  [
    PATHS.command.requestSelfTest,
    'Ask the telematics unit for a self-test (it republishes health and ring).',
  ],
  [
    PATHS.command.setRingBypass,
    'Bypass test: JSON {unit, bypassed} — a MOST unit bridged with a fibre-optic bypass loop.',
  ],
  [PATHS.command.startGuidance, 'Hand a destination to the navigation: JSON {name, latitude, longitude}.'],
  [
    PATHS.command.sendText,
    `Occupants send a line to the emergency centre over the unit's text channel: JSON {phrase, text} — a preset phrase code or a text of at most ${MAX_TEXT_LENGTH} characters, exactly one (the other null). Refused without a call up; the line's progress is in Call.Conversation.`,
  ],
  [
    PATHS.command.speak,
    'Read a text aloud through the car’s speech output (a message from the centre): JSON {text, lang} — lang a BCP 47 tag, or null for the car’s own speech language.',
  ],
]);

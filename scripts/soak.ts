/**
 * Soak run (`npm run soak`, not part of `npm test`): hours of simulated time on the SimulatedClock
 * with random faults, calls, call-backs, battery resets, ignition cycles and vehicle-link drops,
 * through the real simulator, the MockBridge and the root machine in Node. Checked every simulated
 * second, and summarised at the end:
 * - no lost call: every started call reaches ended / failed-with-112 / cancelled, never a silent idle;
 * - no wrong "ready": whenever the status is ready, every required signal is fresh and healthy in the
 *   machine's facts AND the simulator's truth is healthy (allowing the staleness limit for a silent
 *   power loss, which can only be noticed by its silence);
 * - heap stable: heap after GC at the end within a bound of the heap after warm-up; timers bounded.
 *
 * Options: `--hours <h>` (default 4), `--seed <n>` (default 1), `--quiet`.
 * Exit code 1 when an invariant was broken.
 */
import { ALL_FAULTS, type Fault } from '../src/sim/faults.js';
import { factsSayHealthy, Rig, simulatorSaysHealthy } from '../test/unit/helpers/vehicleRig.js';

interface Options {
  readonly hours: number;
  readonly seed: number;
  readonly quiet: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const value = (name: string, fallback: number): number => {
    const i = argv.indexOf(name);
    if (i < 0) return fallback;
    const n = Number(argv[i + 1]);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} needs a positive number`);
    return n;
  };
  return { hours: value('--hours', 4), seed: value('--seed', 1), quiet: argv.includes('--quiet') };
}

/** mulberry32: a small seeded generator, so a failing soak replays exactly with its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function main(): number {
  const options = parseOptions(process.argv.slice(2));
  const rand = random(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const rig = Rig.ready();
  const stalenessMs = rig.config.stalenessMs;
  const totalMs = options.hours * 3600_000;
  const counts: Record<string, number> = {};
  const count = (what: string): void => {
    counts[what] = (counts[what] ?? 0) + 1;
  };
  const violations: string[] = [];
  const violate = (message: string): void => {
    if (violations.length < 20) violations.push(`${new Date(rig.clock.now()).toISOString()} ${message}`);
    else if (violations.length === 20) violations.push('… more violations not listed');
  };

  // Call bookkeeping: a call is "open" from the moment the screens show the unit's session until the
  // occupants see how it ended (the unit owns the call; the page must never lose sight of it).
  let open = false;
  let startCalls = 0;
  let readySeconds = 0;
  let unhealthySince: number | null = null;
  let lastScreen = 'none';
  const outcomes: Record<string, number> = {};

  const check = (): void => {
    const now = rig.clock.now();
    const call = rig.call();
    if (['cancelWindow', 'active', 'redialing'].includes(call.screen) && !open) {
      open = true;
      startCalls += 1;
    }
    const over = ['failed', 'ended', 'callbackWaiting', 'cancelled', 'callback', 'unconfirmed', 'testEnded'];
    if (over.includes(call.screen) && open) {
      open = false;
      outcomes[call.screen] = (outcomes[call.screen] ?? 0) + 1;
      if (call.screen === 'failed' && !call.emergencyNumber) violate('failed without an emergency number');
    }
    if (open && call.screen === 'none') violate(`lost call: screen went from ${lastScreen} to none`);
    lastScreen = call.screen;

    const healthy = simulatorSaysHealthy(rig.sim) && rig.bridge.connection === 'connected';
    if (healthy) unhealthySince = null;
    else unhealthySince ??= now;
    if (rig.status().level === 'ready') {
      readySeconds += 1;
      const evidence = factsSayHealthy(rig.statusSnapshot);
      if (!evidence.ok) violate(`"SOS ready" with ${evidence.why}`);
      // A fault is published at once; only a silent power loss is noticed by staleness (≤ the limit + a cycle).
      if (unhealthySince !== null && now - unhealthySince > stalenessMs + 1000)
        violate(
          `"SOS ready" ${now - unhealthySince} ms after the vehicle became unhealthy (${rig.sim.faults.join(', ') || 'no power/link'})`,
        );
    }
    if (rig.clock.pendingTimers > 500) violate(`${rig.clock.pendingTimers} timers pending`);
  };

  const actions: readonly (readonly [string, number, () => void])[] = [
    ['inject fault', 6, () => rig.sim.inject(pick(ALL_FAULTS))],
    ['clear fault', 8, () => rig.sim.faults.length && rig.sim.clear(pick(rig.sim.faults) as Fault)],
    ['press SOS', 5, () => rig.sim.pressSos()],
    ['hold SOS 3 s', 1, () => rig.sim.pressSos(3000)],
    [
      'crash',
      2,
      () => rig.sim.crash({ severity: 1 + Math.floor(rand() * 4), occupants: 1 + Math.floor(rand() * 4) }),
    ],
    ['call now', 2, () => rig.user('user.callNow')],
    ['cancel', 2, () => rig.user('user.cancel')],
    ['dismiss', 4, () => rig.user('user.dismiss')],
    ['centre ends call', 4, () => rig.sim.centreEndsCall()],
    ['centre calls back', 2, () => rig.sim.centreCallsBack()],
    [
      'centre: drop calls',
      1,
      () => rig.sim.callCentre({ dropAfterMs: 10_000 + rand() * 60_000, dropCount: 1 }),
    ],
    ['centre: no answer', 1, () => rig.sim.callCentre({ noAnswer: rand() < 0.5 })],
    ['battery reset', 1, () => rig.sim.batteryReset()],
    ['ignition', 2, () => rig.sim.ignition(pick(['off', 'accessory', 'on'] as const))],
    ['link lost', 1, () => rig.bridge.setConnection('lost')],
    ['link back', 3, () => rig.bridge.setConnection('connected')],
    ['clear all faults', 1, () => rig.sim.clearAll()],
  ];
  const weightSum = actions.reduce((sum, [, w]) => sum + w, 0);
  const randomAction = (): (typeof actions)[number] => {
    let r = rand() * weightSum;
    for (const action of actions) {
      r -= action[1];
      if (r < 0) return action;
    }
    return actions[actions.length - 1]!;
  };

  const started = performance.now();
  let heapWarm = 0;
  let nextAction = 5_000;
  for (let t = 0; t < totalMs; t += 1000) {
    if (t >= nextAction) {
      const [name, , run] = randomAction();
      run();
      count(name);
      nextAction = t + 5_000 + Math.floor(rand() * 55_000);
    }
    rig.advance(1000);
    check();
    if (t === Math.floor(totalMs / 10 / 1000) * 1000) heapWarm = heapAfterGc();
    if (!options.quiet && t > 0 && t % 3600_000 === 0)
      console.log(`… ${t / 3600_000} h simulated, ${startCalls} calls, ${violations.length} violations`);
  }
  // Let the last call finish: link back, faults cleared, past the redial window, then the centre
  // hangs up whatever is still connected (a call in voice is not lost; it just has not ended yet).
  rig.bridge.setConnection('connected');
  rig.sim.clearAll();
  for (let t = 0; t < 300_000; t += 1000) {
    if (t === 150_000) rig.sim.centreEndsCall();
    rig.advance(1000);
    check();
  }
  const heapEnd = heapAfterGc();
  const heapBound = heapWarm + 16 * 1024 * 1024;
  if (heapWarm > 0 && heapEnd > heapBound)
    violate(`heap grew from ${mb(heapWarm)} (after warm-up) to ${mb(heapEnd)}`);
  const wallS = (performance.now() - started) / 1000;

  console.log('\nsoak summary');
  console.log(
    `  simulated      ${options.hours} h (+5 min to settle), seed ${options.seed}, ${wallS.toFixed(1)} s wall`,
  );
  console.log(
    `  actions        ${Object.entries(counts)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  console.log(`  calls started  ${startCalls}; outcomes ${JSON.stringify(outcomes)}; still open ${open}`);
  console.log(`  ready          ${readySeconds} s of ${Math.round(totalMs / 1000)} s`);
  console.log(
    `  bridge         ${rig.bridge.rejected.length} refused messages kept; ${rig.clock.pendingTimers} timers pending`,
  );
  console.log(
    `  heap           ${mb(heapWarm)} after warm-up → ${mb(heapEnd)} at the end${heapWarm ? '' : ' (run with --expose-gc)'}`,
  );
  if (open) violate('a call is still open after the settle time');
  console.log(
    `  invariants     ${violations.length === 0 ? 'all held (no lost call, no wrong ready, heap stable)' : `${violations.length} broken`}`,
  );
  for (const v of violations) console.log(`    ✖ ${v}`);
  rig.dispose();
  return violations.length === 0 ? 0 : 1;
}

process.exitCode = main();

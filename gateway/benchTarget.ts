/**
 * The gateway as the benchmark drives it (contract: bench/lib/gateway-target.d.ts): the real
 * `CanVehicle` decoder and `VissServer` on loopback, fed by an in-memory CAN bus. Each injected frame
 * is a `FAHRGESTELLNUMMER` (VIN) frame whose last seven characters carry the sequence number, so every
 * frame changes a value and causes exactly one VISS push on `Vehicle…VinLast7`.
 */
import type { GatewayBenchTarget } from '../bench/lib/gateway-target.js';
import { PATHS } from '../src/bridge/vissPaths.js';
import { SimulatedClock } from '../src/time/simulatedClock.js';
import { CanVehicle } from './can/canVehicle.js';
import { DbcCodec } from './can/dbc.js';
import { MemoryCanBus } from './can/transports.js';
import { VissServer } from './vissServer.js';

/** "BS" and five digits: printable, seven characters like the real VIN field. */
function vinOf(seq: number): string {
  return `BS${String(seq % 100_000).padStart(5, '0')}`;
}

export async function createGatewayBenchTarget(): Promise<GatewayBenchTarget> {
  const clock = new SimulatedClock(Date.now());
  const codec = DbcCodec.fromFile();
  const bus = new MemoryCanBus();
  const vehicle = new CanVehicle({ transport: bus, codec, clock, log: () => {} });
  const server = new VissServer({
    source: vehicle,
    host: '127.0.0.1',
    port: 0,
    token: null,
    now: () => Date.now(),
    log: () => {},
  });
  await server.start();
  const path = PATHS.vinLast7;
  return {
    url: `ws://127.0.0.1:${server.port}`,
    protocols: ['VISSv2'],
    subscribeMessages: [{ action: 'subscribe', path, requestId: 'bench-1' }],
    inject(seq) {
      const chars = vinOf(seq);
      const values: Record<string, number> = {};
      for (let i = 0; i < 7; i++) values[`NO_VECH_${i + 1}`] = chars.charCodeAt(i);
      bus.inject(codec.encode('FAHRGESTELLNUMMER', values));
    },
    seqOf(message) {
      const m = message as { action?: unknown; data?: { path?: unknown; dp?: { value?: unknown } } };
      if (m.action !== 'subscription' || m.data?.path !== path) return null;
      const value = m.data.dp?.value;
      if (typeof value !== 'string' || !/^BS\d{5}$/.test(value)) return null;
      return Number(value.slice(2));
    },
    async close() {
      await server.stop();
      await bus.stop();
    },
  };
}

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MostRingSignal } from '../../../src/bridge/signals.js';
import { SimulatedClock } from '../../../src/time/simulatedClock.js';
import { MostNetwork } from '../../../gateway/most/mostNetwork.js';
import {
  createMemoryMostLink,
  FBLOCK,
  formatAddress,
  parseSocketMostEvent,
} from '../../../gateway/most/protocol.js';
import { DEFAULT_MOST_RING, SimulatedMostRing } from '../../../gateway/most/simulatedRing.js';
import { UnixDgramTransport } from '../../../gateway/most/unixDgram.js';

async function setup() {
  const clock = new SimulatedClock(0);
  const link = createMemoryMostLink();
  const wire: string[] = [];
  link.client.onMessage((t) => wire.push(t));
  const ring = new SimulatedMostRing({ transport: link.daemon, clock });
  const net = new MostNetwork({ transport: link.client, clock, order: DEFAULT_MOST_RING });
  const rings: MostRingSignal[] = [];
  net.onOutput((o) => o.kind === 'signal' && o.signal.type === 'mostRing' && rings.push(o.signal));
  await net.start();
  ring.start();
  return { clock, ring, net, rings, wire };
}

describe('MOST over the SocketMost protocol', () => {
  it('a locked ring: every unit answers with its NetBlock report; the ring signal says closed', async () => {
    const { net, wire, clock } = await setup();
    clock.advance(1000);
    assert.deepEqual(net.ring && { closed: net.ring.closed, silent: net.ring.silent }, {
      closed: true,
      silent: [],
    });
    const events = wire.map((t) => parseSocketMostEvent(t)).filter((p) => p.ok);
    assert.equal(events.length, wire.length, 'every datagram is valid protocol');
    assert.ok(
      wire.some((t) => t.includes('"eventType":"locked"') || t.includes('"eventType":"masterFound"')),
    );
    assert.equal(formatAddress(FBLOCK.Telephone, 0, 0x001, 12), '50.00.001.12');
  });

  it('ring-break diagnosis reports where the break is (the E90 case: failed satellite tuner)', async () => {
    const { ring, net, clock, rings } = await setup();
    ring.fail('satellite-radio');
    assert.equal(net.ring?.closed, false);
    assert.equal(net.ring?.breakBetween, undefined, 'not diagnosed yet');
    clock.advance(100);
    assert.deepEqual(net.ring?.breakBetween, ['telematics', 'satellite-radio']);
    assert.deepEqual(net.ring?.silent, ['amplifier', 'telematics', 'satellite-radio', 'hands-free']);
    ring.fail('amplifier');
    clock.advance(100);
    assert.deepEqual(
      net.ring?.breakBetween,
      ['telematics', 'satellite-radio'],
      'the break nearest upstream of the master',
    );
    ring.repair();
    assert.equal(net.ring?.closed, true);
    ring.fail('head-unit');
    clock.advance(100);
    assert.deepEqual(net.ring?.breakBetween, ['hands-free', 'head-unit'], 'the master’s own input is dark');
    assert.ok(rings.length > 3, 'published on change');
  });

  it('bypass: the unit is bridged, light passes, the ring closes again', async () => {
    const { ring, net, clock } = await setup();
    ring.fail('amplifier');
    clock.advance(100);
    assert.equal(net.ring?.closed, false);
    assert.deepEqual(await net.command({ type: 'setRingBypass', unit: 'amplifier', bypassed: true }), {
      ok: true,
    });
    assert.equal(net.ring?.closed, true);
    assert.deepEqual(net.ring?.bypassed, ['amplifier']);
  });

  it('bad datagrams are refused and counted, never a crash', async () => {
    const link = createMemoryMostLink();
    const net = new MostNetwork({
      transport: link.client,
      clock: new SimulatedClock(0),
      order: DEFAULT_MOST_RING,
    });
    await net.start();
    link.daemon.send('not json');
    link.daemon.send('{"eventType":"newMessage","fBlockID":999}');
    assert.equal(net.errors.length, 2);
  });

  it('the Unix datagram adapter carries the protocol over a real AF_UNIX socket', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'sos-most-'));
    const daemon = new UnixDgramTransport({
      localPath: join(dir, 'daemon.sock'),
      peerPath: join(dir, 'client.sock'),
    });
    const client = new UnixDgramTransport({
      localPath: join(dir, 'client.sock'),
      peerPath: join(dir, 'daemon.sock'),
    });
    t.after(() => {
      daemon.close();
      client.close();
    });
    const up = (tr: UnixDgramTransport) =>
      new Promise<string>((resolve) =>
        tr.onState((s, why) => (s === 'up' ? resolve('up') : why && why !== 'starting' && resolve(why))),
      );
    const states = await Promise.all([up(daemon), up(client)]);
    if (states.some((s) => s !== 'up')) return t.skip(`no Unix datagram helper here: ${states.join(', ')}`);
    const got = new Promise<string>((resolve) => daemon.onMessage(resolve));
    client.send(JSON.stringify({ eventType: 'getMaster' }));
    assert.equal(await got, '{"eventType":"getMaster"}');
    const back = new Promise<string>((resolve) => client.onMessage(resolve));
    daemon.send(JSON.stringify({ eventType: 'locked' }));
    assert.ok(parseSocketMostEvent(await back).ok);
  });
});

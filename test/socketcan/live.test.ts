/**
 * Opt-in live SocketCAN suite: `CAN_IFACE=vcan0 npm run test:socketcan` on a Linux box with vcan
 * (`modprobe vcan; ip link add dev vcan0 type vcan; ip link set up vcan0`). Frames go out with
 * cansend / the socketcan package and come back through the gateway's live transport.
 * Without CAN_IFACE, or on a kernel without CAN, it skips with the reason.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import {
  CanUtilsTransport,
  loadSocketCan,
  SocketCanTransport,
  type CanTransport,
} from '../../gateway/can/transports.js';
import { dataFrame, formatFrame, type CanFrame } from '../../gateway/can/frame.js';

const iface = process.env.CAN_IFACE;
function skipReason(): string | null {
  if (!iface) return 'set CAN_IFACE=vcan0 to run the live SocketCAN suite';
  if (!existsSync(`/sys/class/net/${iface}`)) {
    const probe = spawnSync('ip', ['link', 'add', 'dev', 'sos-probe0', 'type', 'vcan'], { encoding: 'utf8' });
    spawnSync('ip', ['link', 'del', 'sos-probe0']);
    return `${iface} does not exist (kernel CAN support: ${probe.stderr.trim() || 'unknown'}); see README "Real vehicle bridge"`;
  }
  return null;
}
const reason = skipReason();
if (reason) console.log(`# live SocketCAN suite skipped: ${reason}`);

describe('live SocketCAN', { skip: reason ?? false }, () => {
  it('a frame sent on the interface comes back through the live transport', async () => {
    const loaded = await loadSocketCan();
    const transport: CanTransport = loaded.module
      ? new SocketCanTransport(iface!, loaded.module)
      : new CanUtilsTransport(iface!);
    if (!loaded.module) console.log(`# ${loaded.reason}; using can-utils`);
    const got = new Promise<CanFrame>((resolve) => transport.onFrame((f) => f.id === 0x5e3 && resolve(f)));
    await transport.start();
    await new Promise((r) => setTimeout(r, 300));
    spawnSync('cansend', [iface!, formatFrame(dataFrame(0x5e3, [2]))]);
    const frame = await got;
    assert.deepEqual([...frame.data], [2]);
    await transport.stop();
  });
});

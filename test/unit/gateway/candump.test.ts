import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseCandumpLog, parseFrame, parseLogLine } from '../../../gateway/can/candump.js';
import { formatFrame, formatLogLine } from '../../../gateway/can/frame.js';

describe('candump -L parser', () => {
  it('reads a classic 11-bit frame with its exact microsecond timestamp', () => {
    const r = parseLogLine('(1436509052.249713) vcan0 12F#00000A0000000000');
    assert.ok(r?.ok);
    assert.equal(r.frame.id, 0x12f);
    assert.equal(r.frame.extended, false);
    assert.deepEqual([...r.frame.data], [0, 0, 0x0a, 0, 0, 0, 0, 0]);
    assert.equal(r.frame.timestampUs, 1436509052249713n);
    assert.equal(r.frame.iface, 'vcan0');
    assert.equal(formatLogLine(r.frame), '(1436509052.249713) vcan0 12F#00000A0000000000');
  });

  it('reads 29-bit ids, remote frames, CAN FD, error frames, dots, empty data and direction marks', () => {
    const ext = parseFrame('1F334455#1122');
    assert.ok(ext.ok && ext.frame.extended && ext.frame.id === 0x1f334455);
    const rtr = parseFrame('123#R');
    assert.ok(rtr.ok && rtr.frame.remote && rtr.frame.dlc === 0);
    const rtr3 = parseFrame('123#R3');
    assert.ok(rtr3.ok && rtr3.frame.remote && rtr3.frame.dlc === 3);
    const fd = parseFrame('213##311223344556677889900AABBCCDDEEFF');
    assert.ok(fd.ok && fd.frame.fd && fd.frame.fdFlags === 3 && fd.frame.data.length === 16);
    const err = parseFrame('20000080#0000000000000000');
    assert.ok(err.ok && err.frame.error && err.frame.id === 0x80);
    const dots = parseFrame('5AA#11.22.33');
    assert.ok(dots.ok && dots.frame.data.length === 3);
    const empty = parseFrame('5AA#');
    assert.ok(empty.ok && empty.frame.data.length === 0);
    const dir = parseLogLine('(0000000001.000001) can0 123#DEAD R');
    assert.ok(dir?.ok && dir.frame.direction === 'R' && dir.frame.timestampUs === 1_000_001n);
    for (const text of ['1F334455#1122', '123#R3', '213##311223344556677889900AABBCCDDEEFF', '5AA#']) {
      const p = parseFrame(text);
      assert.ok(p.ok);
      assert.equal(formatFrame(p.frame), text);
    }
  });

  it('bad lines give an error with the line number and are skipped, never a crash', () => {
    const log = [
      '(1.000000) can0 123#00', // ok
      'garbage',
      '(1.000001) can0 1234#00', // 4-digit id
      '(1.000002) can0 800#00', // 11-bit out of range
      '(1.000003) can0 123#0', // odd digits
      '(1.000004) can0 123#001122334455667788', // 9 bytes
      '(1.000005) can0 123##0' + '00'.repeat(9), // FD length 9
      '(1.5) can0 123#00', // timestamp not µs
      '',
      '# comment',
      '(1.000006) can0 124#01',
    ].join('\n');
    const { frames, errors } = parseCandumpLog(log);
    assert.equal(frames.length, 2);
    assert.deepEqual(
      errors.map((e) => e.line),
      [2, 3, 4, 5, 6, 7, 8],
    );
    assert.match(errors[0]!.message, /^line 2: /);
  });

  for (const [file, min] of [
    ['drive.log', 1000],
    ['drive-no-unit.log', 600],
    ['drive-ngecall.log', 2000],
  ] as const)
    it(`parses the committed replay fixture ${file} completely`, () => {
      const text = readFileSync(new URL(`../../fixtures/${file}`, import.meta.url), 'utf8');
      const { frames, errors } = parseCandumpLog(text);
      assert.deepEqual(errors, []);
      assert.ok(frames.length > min);
      // Timestamps stay exact integers and in order.
      for (let i = 1; i < frames.length; i++)
        assert.ok(frames[i]!.timestampUs! >= frames[i - 1]!.timestampUs!);
    });
});

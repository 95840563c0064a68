import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DbcCodec } from '../../../gateway/can/dbc.js';
import { dataFrame } from '../../../gateway/can/frame.js';

const codec = DbcCodec.fromFile();

describe('project DBC through candied', () => {
  it('keeps the real public BMW ids and marks the project-defined messages', () => {
    const ids: Record<string, number> = {
      ST_CR: 0x0ab,
      KLEMMEN: 0x12f,
      TerminalStatus: 0x130,
      DISP_CC_MESS_SCR: 0x336,
      NAV_GPS1: 0x34a,
      NAV_GPS2: 0x34c,
      FAHRGESTELLNUMMER: 0x380,
    };
    for (const [name, id] of Object.entries(ids)) {
      const m = codec.message(name);
      assert.equal(m?.id, id, name);
      assert.match(m!.comment, /^PUBLIC/, name);
    }
    const project: Record<string, number> = {
      SOS_BUTTON: 0x5e0,
      TEL_STATUS: 0x5e1,
      TEL_UNIT_HEALTH: 0x5e2,
      SOS_LED_CMD: 0x5e3,
      TEL_CALL_REQ: 0x5e4,
      TEL_SELFTEST: 0x5e6,
      TEL_SESSION_1: 0x5e7,
      TEL_SESSION_2: 0x5e8,
      TEL_SESSION_3: 0x5e9,
      TEL_CALL_RSP: 0x5ea,
      TEL_SESSION_4: 0x5eb,
      TEL_CONV: 0x5ec,
      TEL_CONV_LINE: 0x5ed,
      TEL_TEXT: 0x5ee,
      HU_TEXT: 0x5ef,
      BDC_HAZARD: 0x5f0,
      VEH_CONFIG: 0x5f1,
    };
    for (const [name, id] of Object.entries(project)) {
      assert.equal(codec.message(name)?.id, id, name);
      assert.match(codec.message(name)!.comment, /^PROJECT-DEFINED/, name);
    }
    assert.equal(codec.message('HU_SOS_AUDIO'), undefined, 'the telematics unit mutes audio itself');
    // The whole session report: three full frames, cyclic like the rest of the unit's status.
    for (const part of ['TEL_SESSION_1', 'TEL_SESSION_2', 'TEL_SESSION_3', 'TEL_SESSION_4'])
      assert.deepEqual([codec.message(part)!.dlc, codec.message(part)!.cycleMs], [8, 500], part);
    assert.equal(codec.message('SOS_LED_CMD')!.cycleMs, 500);
    assert.equal(codec.message('KLEMMEN')!.cycleMs, 100);
    assert.equal(codec.message('NAV_GPS1')!.signals.length, 2, 'factor written so candied keeps the signals');
  });

  it('decodes KLEMMEN 0x12F as opendbc lays it out (ST_KL 16|4: 10 = KL15 on)', () => {
    const d = codec.decode(dataFrame(0x12f, [0x00, 0x03, 0x0a, 0, 0, 0, 0, 0]));
    assert.equal(d?.name, 'KLEMMEN');
    assert.equal(d.signals.ST_KL, 10);
    assert.equal(d.signals.ALIV_COU_KL, 3);
  });

  it('decodes ST_CR 0x0AB airbag and severity nibbles', () => {
    // ST_DEPLOY_AB=1 (bits 16-17), ST_THRV_ACLN=2 (18-19), ST_CRSE_FRT=3 (20-23), ST_CRSE_ROV=2 (36-39)
    const d = codec.decode(dataFrame(0x0ab, [0x00, 0x05, 0x39, 0x00, 0x20, 0x00, 0x00, 0x00]));
    assert.equal(d?.signals.ST_DEPLOY_AB, 1);
    assert.equal(d?.signals.ST_THRV_ACLN, 2);
    assert.equal(d?.signals.ST_CRSE_FRT, 3);
    assert.equal(d?.signals.ST_CRSE_ROV, 2);
    assert.equal(d?.signals.ALIV_ST_CR, 5);
  });

  it('NAV_GPS1 0x34A: signed 32-bit at 8.38190318e-8 °/bit', () => {
    const frame = codec.encode('NAV_GPS1', { ST_LAT_NAVI: 48.1424, ST_LONG_NAVI: -11.5775 });
    assert.equal(frame.id, 0x34a);
    const d = codec.decode(frame)!;
    assert.ok(Math.abs(d.signals.ST_LAT_NAVI! - 48.1424) < 1e-6);
    assert.ok(Math.abs(d.signals.ST_LONG_NAVI! + 11.5775) < 1e-6);
  });

  it('FAHRGESTELLNUMMER 0x380 carries the last 7 VIN characters', () => {
    const d = codec.decode(
      dataFrame(
        0x380,
        [...'F000001'].map((c) => c.charCodeAt(0)),
      ),
    )!;
    assert.equal(
      String.fromCharCode(...[1, 2, 3, 4, 5, 6, 7].map((i) => d.signals[`NO_VECH_${i}`]!)),
      'F000001',
    );
  });

  it('encode and decode agree for every message (including Motorola TerminalStatus)', () => {
    const d = codec.decode(
      codec.encode('TerminalStatus', { ST_KL_R: 1, ST_KL_15: 1, ST_KL_50: 0, COUNTER_KL: 9 }),
    )!;
    assert.deepEqual(d.signals, { ST_KL_R: 1, ST_KL_15: 1, ST_KL_50: 0, COUNTER_KL: 9 });
    const led = codec.encode('SOS_LED_CMD', { LED_MODE: 3 });
    assert.deepEqual([led.id, [...led.data]], [0x5e3, [3]]);
    const req = codec.encode('TEL_CALL_REQ', { CALL_REQ: 5, REQ_SEQ: 7 });
    assert.deepEqual([...req.data], [0x05, 0x07]);
    assert.throws(() => codec.encode('TEL_CALL_REQ', { CALL_KIND: 1 }), /has no signal CALL_KIND/);
    const part = codec.encode('TEL_SESSION_1', {
      SESS1_SEQ: 0x1234,
      ALIV_SESS: 5,
      SESS_PHASE: 4,
      SESS_HOLD_TO_END: 2,
    });
    assert.deepEqual([...part.data], [0x34, 0x12, 0x45, 0, 0, 0, 20, 0]);
    assert.deepEqual(
      codec.decode(codec.encode('TEL_SESSION_2', { SESS2_SEQ: 9, SESS_REDIAL_LEFT: 409.5 }))!.signals
        .SESS_REDIAL_LEFT,
      409.5,
    );
    assert.throws(() => codec.encode('SOS_LED_CMD', { LED_MODE: 4 }), /does not fit/);
  });

  it('unknown ids, wrong lengths and remote frames decode to nothing', () => {
    assert.equal(codec.decode(dataFrame(0x7ff, [1])), undefined);
    assert.equal(codec.decode(dataFrame(0x12f, [1, 2])), undefined);
    assert.equal(codec.decode({ ...dataFrame(0x12f, []), remote: true }), undefined);
  });
});

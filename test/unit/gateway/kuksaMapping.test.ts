/**
 * vss/sos-dbc2vss.vspec: the CAN provider mapping (kuksa-can-provider `dbc2vss` format) generated from
 * dbc/sos-hmi.dbc. Checks what kuksa-can-provider's `dbc2vssmapper.py` checks on load (a signal name
 * that exists in the DBC, `on_change` a boolean, `transform` either `mapping` of from/to pairs or a
 * `math` string), and what it cannot: every path is an sos-hmi path of that type and datatype, every
 * `to` is an allowed value, every `from` is in the signal's raw range.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pathSpec } from '../../../src/bridge/vissPaths.js';
import {
  DBC2VSS,
  KUKSA_MAPPING_FILE,
  MAPPING_GAPS,
  makeKuksaMapping,
} from '../../../gateway/tools/makeKuksaMapping.js';
import { DEFAULT_DBC_PATH } from '../../../gateway/can/dbc.js';

const dbc = readFileSync(DEFAULT_DBC_PATH, 'utf8');
/** SG_ name : start|len@order sign (factor,offset) [min|max] */
const SIGNALS = new Map(
  [...dbc.matchAll(/^\s*SG_ (\w+) : \d+\|(\d+)@[01]([+-]) \(([^,]+),([^)]+)\) \[([^|]+)\|([^\]]+)\]/gm)].map(
    (m) => [m[1]!, { bits: Number(m[2]), signed: m[3] === '-', min: Number(m[6]), max: Number(m[7]) }],
  ),
);

describe('KUKSA CAN provider mapping (dbc2vss)', () => {
  it('the committed file is what the generator writes', () => {
    assert.equal(readFileSync(KUKSA_MAPPING_FILE, 'utf8'), makeKuksaMapping());
  });

  it('every entry: a DBC signal, an sos-hmi path of the same type and datatype, values it allows', () => {
    assert.ok(SIGNALS.size > 40, 'the DBC was read');
    for (const e of DBC2VSS) {
      const signal = SIGNALS.get(e.signal);
      assert.ok(signal, `${e.signal} is in dbc/sos-hmi.dbc`);
      const spec = pathSpec(e.path);
      assert.ok(spec, e.path);
      assert.equal(spec.type, e.type, e.path);
      assert.equal(spec.datatype, e.datatype, e.path);
      if (e.transform && 'mapping' in e.transform) {
        assert.ok(e.transform.mapping.length > 0);
        for (const { from, to } of e.transform.mapping) {
          assert.ok(from >= signal.min && from <= signal.max, `${e.signal} ${from} in range`);
          if (spec.datatype === 'boolean') assert.equal(typeof to, 'boolean');
          else if (spec.allowed) assert.ok(spec.allowed.includes(String(to)), `${e.path}: ${String(to)}`);
        }
        // One `to` per `from` (the provider would pick one at random otherwise).
        const froms = e.transform.mapping.map((m) => m.from);
        assert.equal(new Set(froms).size, froms.length, e.path);
      }
      if (e.transform && 'math' in e.transform) assert.match(e.transform.math, /\bx\b/);
    }
    assert.equal(new Set(DBC2VSS.map((e) => e.path)).size, DBC2VSS.length, 'one mapping per path');
  });

  it('the file has the provider’s syntax: dbc2vss with signal, on_change, transform.mapping / math', () => {
    const text = makeKuksaMapping();
    const blocks = text.split(/\n(?=\S)/).filter((b) => !b.startsWith('#'));
    assert.equal(blocks.length, DBC2VSS.length);
    for (const block of blocks) {
      assert.match(
        block,
        /^[A-Z][\w.]*:\n {2}type: (sensor|actuator|attribute)\n {2}datatype: \w+\n {2}dbc2vss:\n {4}signal: \w+\n {4}on_change: true\n/,
      );
      const mappings = [...block.matchAll(/- from: (-?\d+)\n {10}to: (.+)/g)];
      if (block.includes('mapping:')) assert.ok(mappings.length > 0);
      // YAML 1.1 would read OFF / ON as booleans: strings are quoted.
      for (const m of mappings) assert.match(m[2]!, /^(".*"|true|false|-?\d+(\.\d+)?)$/);
    }
  });

  it('what it cannot carry is listed (the gateway does it), and never mapped', () => {
    const mapped = new Set(DBC2VSS.map((e) => e.path));
    for (const gap of MAPPING_GAPS) assert.ok(!mapped.has(gap.path), gap.path);
    assert.ok(MAPPING_GAPS.some((g) => g.path.endsWith('Call.Session')));
  });
});

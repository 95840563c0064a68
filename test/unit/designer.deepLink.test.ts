import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  decodeCentre,
  encodeCentre,
  readDesignerState,
  writeDesignerState,
} from '../../src/designer/deepLink.js';
import { VIEWPORTS, frameScale, layoutSize, physicalMm, viewportById } from '../../src/designer/viewports.js';
import { parseHmiOptions } from '../../src/app/urlOptions.js';

describe('designer deep links', () => {
  it('round-trips the workbench state and keeps parameters it does not own', () => {
    const state = {
      scenario: 'ring-break-amplifier',
      faults: ['no-gps', 'blown-fuse:amplifier'],
      lang: 'de',
      theme: 'contrast',
      viewport: '12.3in',
      zoom: 'fit',
      speed: 60,
      centre: {
        answerDelayMs: 15_000,
        noAnswer: false,
        dropAfterMs: 10_000,
        dropCount: 1,
        msdAck: 'negative' as const,
        requestDataAfterMs: 7000,
      },
      tokens: [{ set: 'night' as const, path: 'color.accent', value: '#ff6a00' }],
    };
    const search = writeDesignerState('?clock=manual&region=na&t0=2025-06-02T14:05', state);
    assert.match(search, /^\?designer&/);
    assert.match(search, /faults=no-gps,blown-fuse:amplifier/);
    const params = new URLSearchParams(search);
    assert.equal(params.get('region'), 'na');
    assert.equal(params.get('t0'), '2025-06-02T14:05');
    // A running speed replaces the manual clock.
    assert.equal(params.get('clock'), null);
    const read = readDesignerState(search);
    assert.deepEqual(
      { ...read, centre: read.centre && encodeCentre(read.centre) },
      { ...state, centre: encodeCentre(state.centre) },
    );
  });

  it('says "no faults" explicitly, so a cleared scenario fault stays cleared', () => {
    const search = writeDesignerState('', {
      ...readDesignerState('?scenario=no-gps'),
      faults: [],
    });
    assert.match(search, /faults=(&|$)/);
    assert.deepEqual(readDesignerState(search).faults, []);
    assert.equal(readDesignerState('?scenario=no-gps').faults, null);
  });

  it('encodes call-centre behaviour compactly', () => {
    const text = encodeCentre({
      answerDelayMs: 4000,
      noAnswer: true,
      callbackAfterMs: 30_000,
      notifyContacts: false,
    });
    assert.equal(text, 'answer:4000,noanswer,callback:30000,nocontacts');
    assert.deepEqual(decodeCentre('drop:15000x1,end:20000'), {
      noAnswer: false,
      dropAfterMs: 15_000,
      dropCount: 1,
      endAfterMs: 20_000,
      callbackAfterMs: null,
      notifyContacts: true,
      msdAck: 'positive',
      ngECall: true,
      requestDataAfterMs: null,
      replies: true,
    });
    assert.equal(decodeCentre(null), null);
  });

  it('encodes the next-generation centre: acknowledgement, NG-eCall, data requests, replies', () => {
    const centre = {
      answerDelayMs: 4000,
      msdAck: 'negative',
      ngECall: false,
      requestDataAfterMs: 5000,
      replies: false,
    } as const;
    const text = encodeCentre(centre);
    assert.equal(text, 'answer:4000,nack,nong,data:5000,noreplies');
    assert.deepEqual(decodeCentre(text), {
      answerDelayMs: 4000,
      noAnswer: false,
      dropAfterMs: null,
      dropCount: null,
      endAfterMs: null,
      callbackAfterMs: null,
      notifyContacts: true,
      msdAck: 'negative',
      ngECall: false,
      requestDataAfterMs: 5000,
      replies: false,
    });
    // Defaults add no tokens; a data request at 0 ms still does.
    assert.equal(
      encodeCentre({ msdAck: 'positive', ngECall: true, requestDataAfterMs: null, replies: true }),
      '',
    );
    assert.equal(encodeCentre({ requestDataAfterMs: 0 }), 'data:0');
    assert.equal(decodeCentre('data:0')?.requestDataAfterMs, 0);
    // Every flag in a link, through the whole query string.
    const search = writeDesignerState('', {
      ...readDesignerState('?scenario=crash'),
      centre: { ...centre, notifyContacts: false, dropAfterMs: 15_000, dropCount: 1 },
    });
    assert.match(search, /centre=answer:4000,drop:15000x1,nocontacts,nack,nong,data:5000,noreplies(&|$)/);
    assert.deepEqual(readDesignerState(search).centre, {
      ...decodeCentre(text),
      notifyContacts: false,
      dropAfterMs: 15_000,
      dropCount: 1,
    });
  });

  it('a link without a flag restores the default over the scenario’s', () => {
    // The msd-negative scenario acknowledges negatively; a link saying positive (no `nack`) wins.
    const centre = readDesignerState('?designer&scenario=msd-negative&centre=answer:4000').centre;
    assert.equal(centre?.msdAck, 'positive');
    assert.equal(centre?.ngECall, true);
    assert.equal(centre?.requestDataAfterMs, null);
    assert.equal(centre?.replies, true);
    assert.equal(centre?.messages, undefined, 'scripted messages stay the scenario’s');
  });

  it('the head-unit options read the link parameters they share', () => {
    const o = parseHmiOptions('?lang=it&theme=contrast&faults=no-gps,bogus&t0=2025-06-02T14:05', ['ready']);
    assert.equal(o.lang, 'it');
    assert.equal(o.theme, 'contrast');
    assert.deepEqual(o.faults, ['no-gps']);
    assert.equal(o.startAt, new Date('2025-06-02T14:05').getTime());
    assert.ok(o.warnings.some((w) => w.includes('bogus')));
    assert.equal(parseHmiOptions('?lang=xx', []).lang, 'en');
  });

  it('?link=lost opens on a vehicle link that is down; anything else is reported', () => {
    assert.equal(parseHmiOptions('', []).link, 'connected');
    assert.equal(parseHmiOptions('?link=lost', []).link, 'lost');
    const o = parseHmiOptions('?link=flaky', []);
    assert.equal(o.link, 'connected');
    assert.ok(o.warnings.some((w) => w.includes('?link=flaky')));
  });

  it('simulator-only options on the vehicle link are reported, not applied', () => {
    const o = parseHmiOptions('?bridge=ws&scenario=no-gps&link=lost', ['no-gps']);
    assert.equal(o.scenario, null);
    assert.equal(o.link, 'connected');
    assert.deepEqual(o.warnings, [
      '?scenario=no-gps applies to the simulator (?bridge=mock) only; ignored',
      '?link=lost applies to the simulator (?bridge=mock) only; ignored',
    ]);
  });
});

describe('designer viewports', () => {
  it('every preset is drawn at 1280×480 CSS px and has a physical size', () => {
    for (const v of VIEWPORTS) {
      assert.deepEqual(layoutSize(v), { width: 1280, height: 480 }, v.id);
      assert.ok(physicalMm(v).width > 200 && physicalMm(v).width < 320, v.id);
    }
  });

  it('draws a 12.3″ panel bigger than a 10.25″ one at physical size', () => {
    const small = viewportById('10.25in')!;
    const big = viewportById('12.3in')!;
    const space = { width: 1000, height: 600 };
    assert.ok(frameScale(big, 'physical', space) > frameScale(small, 'physical', space));
    // 12.3″ 8:3 is about 292 mm wide: 1104 CSS px on a 96-dpi desktop.
    assert.ok(Math.abs(frameScale(big, 'physical', space) * 1280 - 1104) < 5);
  });

  it('accepts a free size and refuses nonsense', () => {
    assert.deepEqual(layoutSize(viewportById('1600x600')!), { width: 1600, height: 600 });
    assert.equal(viewportById('99x99'), null);
    assert.equal(viewportById('bogus'), null);
  });
});

/**
 * The rows the call screens share, on their own: the header (heading, voice timer, LED mirror, call
 * type), the meta row and the action row — properties in, what an occupant sees and presses out.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { CallActionsHarness } from '../../src/components/call-actions/harness.js';
import type { SosCallActions } from '../../src/components/call-actions/call-actions.js';
import type { SosCallHeader } from '../../src/components/call-header/call-header.js';
import type { SosCallMeta } from '../../src/components/call-meta/call-meta.js';
import { ElementHarness } from '../../src/components/harness.js';
import '../../src/components/action-button/action-button.js';
import '../../src/components/call-actions/call-actions.js';
import '../../src/components/call-header/call-header.js';
import '../../src/components/call-meta/call-meta.js';
import { applyTheme } from '../../src/styles/theme.js';

applyTheme('night');

describe('sos-call-header', () => {
  it('shows the heading, the voice time as a timer, the LED and the call type', async () => {
    const el = await fixture<SosCallHeader>(
      html`<sos-call-header
        timer="01:23"
        timer-label="Call time"
        led="green-steady"
        badge="Automatic emergency call"
        ><h1>Connected</h1></sos-call-header
      >`,
    );
    const header = new ElementHarness(el);
    const text = await header.text();
    for (const words of ['Connected', '01:23', 'SOS LED: green', 'Automatic emergency call'])
      expect(text).to.contain(words);
    const timer = await header.part('timer');
    expect(timer?.getAttribute('role')).to.equal('timer');
    expect(timer?.getAttribute('aria-label')).to.equal('Call time');
    expect((await header.part('led-mirror'))?.dataset['led']).to.equal('green-steady');
    // The heading stays the page's own element: it leads the row, the LED and type sit at the far end.
    const h1 = el.querySelector('h1')!.getBoundingClientRect();
    const kind = (await header.part('kind'))!.getBoundingClientRect();
    expect(h1.left).to.be.below(timer!.getBoundingClientRect().left);
    expect(kind.left).to.be.above(timer!.getBoundingClientRect().right);
  });

  it('has no timer before voice and no badge without a call type', async () => {
    const el = await fixture<SosCallHeader>(
      html`<sos-call-header led="off"><h1>Calling</h1></sos-call-header>`,
    );
    const header = new ElementHarness(el);
    expect(await header.part('timer')).to.equal(null);
    expect(await header.part('kind')).to.equal(null);
    expect(await header.text()).to.match(/^Calling\s*SOS LED: off$/);
  });
});

describe('sos-call-meta', () => {
  it('shows its entries in order, the LED among them', async () => {
    const el = await fixture<SosCallMeta>(
      html`<sos-call-meta
        .items=${[
          { text: 'Attempt 2', part: 'attempt' },
          { led: 'green-blinking' as const },
          { text: 'Entertainment audio muted', part: 'muted', icon: 'muted' as const },
        ]}
      ></sos-call-meta>`,
    );
    const meta = new ElementHarness(el);
    const text = await meta.text();
    for (const words of ['Attempt 2', 'SOS LED: green, blinking', 'Entertainment audio muted'])
      expect(text).to.contain(words);
    expect((await meta.part('muted'))?.querySelector('svg')?.getAttribute('aria-hidden')).to.equal('true');
    const [attempt, muted] = [await meta.part('attempt'), await meta.part('muted')];
    expect(attempt!.getBoundingClientRect().left).to.be.below(muted!.getBoundingClientRect().left);
  });

  it('is an empty row without entries', async () => {
    const el = await fixture<SosCallMeta>(html`<sos-call-meta></sos-call-meta>`);
    expect(await new ElementHarness(el).text()).to.equal('');
  });
});

describe('sos-call-actions', () => {
  it('offers the actions given it, in order, and a press reaches the page', async () => {
    const pressed: string[] = [];
    const el = await fixture<SosCallActions>(
      html`<sos-call-actions>
        <sos-action-button label="Cancel call" @click=${() => pressed.push('cancel')}></sos-action-button>
        <sos-action-button label="Call now" hidden></sos-action-button>
        <sos-action-button label="Text" @click=${() => pressed.push('text')}></sos-action-button>
      </sos-call-actions>`,
    );
    const row = new CallActionsHarness(el);
    expect(await row.labels()).to.deep.equal(['Cancel call', 'Text']);
    await row.press('Text');
    expect(pressed).to.deep.equal(['text']);
  });

  it('side by side, or stacked at the column’s width', async () => {
    const el = await fixture<SosCallActions>(
      html`<sos-call-actions style="inline-size: 600px">
        <sos-action-button label="Text"></sos-action-button>
        <sos-action-button label="Safety steps"></sos-action-button>
      </sos-call-actions>`,
    );
    const row = new CallActionsHarness(el);
    let [a, b] = (await row.actions()).map((x) => x.getBoundingClientRect());
    expect(a!.top).to.equal(b!.top);
    el.stacked = true;
    expect(row.stacked()).to.equal(true);
    [a, b] = (await row.actions()).map((x) => x.getBoundingClientRect());
    expect(b!.top).to.be.above(a!.bottom - 1);
    expect(a!.width).to.be.closeTo(600, 1);
  });
});

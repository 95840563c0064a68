import { css, html, nothing, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { MostNode } from '../bridge/signals.js';
import type { RingDiagnosis, RingLinkDiagnosis, RingNodeDiagnosis } from '../machines/model/ringDiagnosis.js';
import { DiagnosisScreen, diagnosisStyles } from './diagnosis-screen.js';
import { screenStyles } from './screen-styles.js';
import * as dt from './diagnosis-texts.js';
import * as t from './texts.js';

const W = 600;
const H = 236;
const NODE_W = 138;
const NODE_H = 54;

interface Point {
  readonly x: number;
  readonly y: number;
}

/** Units round an ellipse in light direction (clockwise), the master on the left. */
function place(count: number, index: number): Point {
  const angle = Math.PI + (index * 2 * Math.PI) / Math.max(1, count);
  return { x: W / 2 + 225 * Math.cos(angle), y: H / 2 + 84 * Math.sin(angle) };
}

/** Where the line from a to b leaves a's box. */
function edge(a: Point, b: Point): Point {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const s = Math.min((NODE_W / 2 + 6) / Math.abs(dx || 1e-6), (NODE_H / 2 + 6) / Math.abs(dy || 1e-6));
  return { x: a.x + dx * s, y: a.y + dy * s };
}

/**
 * The MOST ring: units in ring order with the light/lock state of every fibre, the break the
 * network master located, the suspected unit, bypass loops. Bypass test actions for a technician.
 */
@customElement('sos-ring-diagram')
export class SosRingDiagram extends DiagnosisScreen {
  static override styles = [
    screenStyles,
    diagnosisStyles,
    css`
      .body {
        display: grid;
        grid-template-columns: ${W}px 1fr;
        gap: 22px;
        min-block-size: 0;
      }
      svg {
        inline-size: ${W}px;
        block-size: ${H}px;
        overflow: visible;
      }
      .node rect {
        fill: var(--sos-surface);
        stroke: var(--sos-border);
        stroke-width: 2;
      }
      .node[data-state='ok'] rect {
        stroke: var(--sos-ready);
      }
      .node[data-state='fault'] rect,
      .node[data-state='suspect'] rect {
        stroke: var(--sos-danger);
        stroke-width: 4;
        fill: var(--sos-danger-soft);
      }
      .node[data-state='unknown'] rect {
        stroke: var(--sos-unknown);
        stroke-dasharray: 6 4;
      }
      .node[data-state='bypassed'] rect {
        stroke: var(--sos-accent);
        stroke-dasharray: 2 4;
        fill: transparent;
      }
      .node .name {
        fill: var(--sos-text);
        font-size: var(--sos-font-size-scale-5);
        font-weight: 700;
      }
      .node .state {
        fill: var(--sos-text-dim);
        font-size: var(--sos-font-size-scale-2);
      }
      .node[data-state='suspect'] .state,
      .node[data-state='fault'] .state {
        fill: var(--sos-danger);
        font-weight: 700;
      }
      .link {
        stroke-width: 4;
        fill: none;
      }
      .link[data-state='light'] {
        stroke: var(--sos-ready);
      }
      .link[data-state='dark'] {
        stroke: var(--sos-danger);
        stroke-dasharray: 3 6;
      }
      .link[data-state='unknown'] {
        stroke: var(--sos-unknown);
        stroke-dasharray: 8 6;
        stroke-width: 3;
      }
      .link[data-state='bypassed'] {
        stroke: var(--sos-accent);
        stroke-dasharray: 2 5;
        stroke-width: 3;
      }
      .break-mark {
        stroke: var(--sos-danger);
        stroke-width: 5;
        stroke-linecap: round;
      }
      .arrow-light {
        fill: var(--sos-ready);
      }
      .arrow-dark {
        fill: var(--sos-danger);
      }
      .arrow-unknown {
        fill: var(--sos-unknown);
      }
      .arrow-bypassed {
        fill: var(--sos-accent);
      }
      .legend {
        display: flex;
        gap: 18px;
        font-size: var(--sos-font-size-scale-3);
        color: var(--sos-text-dim);
        margin-block-start: 4px;
      }
      .legend i {
        display: inline-block;
        inline-size: 26px;
        block-size: 0;
        border-block-start: 4px solid;
        vertical-align: middle;
        margin-inline-end: 6px;
      }
      .side {
        display: flex;
        flex-direction: column;
        gap: 10px;
        min-block-size: 0;
      }
      .verdict {
        font-size: var(--sos-font-size-scale-8);
        line-height: 1.35;
        font-weight: 650;
      }
      .verdict[data-verdict='breakLocated'],
      .verdict[data-verdict='fibreLocated'],
      .verdict[data-verdict='open'] {
        color: var(--sos-danger);
      }
      .verdict[data-verdict='closed'],
      .verdict[data-verdict='closedWithBypass'] {
        color: var(--sos-ready);
      }
      .note {
        font-size: var(--sos-font-size-scale-4);
        line-height: 1.35;
        color: var(--sos-text-faint);
      }
      .side sos-action-button {
        min-inline-size: 0;
      }
    `,
  ];

  private renderLink(link: RingLinkDiagnosis, from: Point, to: Point): SVGTemplateResult {
    const a = edge(from, to);
    const b = edge(to, from);
    const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
    const angle = (Math.atan2(b.y - a.y, b.x - a.x) * 180) / Math.PI;
    return svg`<g data-link=${`${link.from}>${link.to}`} data-state=${link.state}>
      <title>${dt.ringLinkText(link.from, link.to, link.state)}</title>
      <line class="link" data-state=${link.state} x1=${a.x} y1=${a.y} x2=${b.x} y2=${b.y}></line>
      <polygon class=${`arrow-${link.state}`} points="0,-7 14,0 0,7" transform=${`translate(${b.x} ${b.y}) rotate(${angle}) translate(-14 0)`}></polygon>
      ${
        link.state === 'dark'
          ? svg`<g transform=${`translate(${mid.x} ${mid.y})`} data-part="break">
              <circle r="15" fill="var(--sos-surface)" stroke="var(--sos-danger)" stroke-width="3"></circle>
              <line class="break-mark" x1="-7" y1="-7" x2="7" y2="7"></line>
              <line class="break-mark" x1="7" y1="-7" x2="-7" y2="7"></line>
            </g>`
          : nothing
      }
    </g>`;
  }

  private renderNode(node: RingNodeDiagnosis, at: Point): SVGTemplateResult {
    const label = node.master
      ? `${dt.ringNodeStateText(node.state)} · ${dt.RING_MASTER}`
      : dt.ringNodeStateText(node.state);
    return svg`<g class="node" data-node=${node.node} data-state=${node.state} transform=${`translate(${at.x - NODE_W / 2} ${at.y - NODE_H / 2})`}>
      <title>${t.unitName(node.node)}: ${dt.ringNodeStateText(node.state)}</title>
      <rect width=${NODE_W} height=${NODE_H} rx="12"></rect>
      <text class="name" x=${NODE_W / 2} y="23" text-anchor="middle">${dt.RING_SHORT[node.node]}</text>
      <text class="state" x=${NODE_W / 2} y="42" text-anchor="middle">${label}</text>
    </g>`;
  }

  private renderRing(d: RingDiagnosis): TemplateResult {
    const points = new Map<MostNode, Point>(d.nodes.map((n) => [n.node, place(d.nodes.length, n.position)]));
    const summary = [
      dt.ringVerdictText(d),
      ...d.nodes.map((n) => `${t.unitName(n.node)}: ${dt.ringNodeStateText(n.state)}`),
    ].join('. ');
    return html`<svg viewBox="0 0 ${W} ${H}" role="img" aria-label=${summary} data-part="ring">
      ${d.links.map((l) => this.renderLink(l, points.get(l.from)!, points.get(l.to)!))}
      ${d.nodes.map((n) => this.renderNode(n, points.get(n.node)!))}
    </svg>`;
  }

  private renderActions(d: RingDiagnosis): TemplateResult[] {
    const out: TemplateResult[] = [];
    const suspect = d.suspects.find((s) => s.kind === 'unit');
    if (
      suspect &&
      suspect.kind === 'unit' &&
      suspect.unit !== 'head-unit' &&
      !d.bypassed.includes(suspect.unit)
    ) {
      const unit = suspect.unit;
      out.push(
        html`<sos-action-button
          data-default
          variant="primary"
          label=${dt.bypassButton(unit)}
          @click=${() => this.send({ type: 'user.bypass', unit, bypassed: true })}
        ></sos-action-button>`,
      );
    }
    for (const unit of d.bypassed) {
      out.push(
        html`<sos-action-button
          label=${d.bypassed.length > 1 ? `${dt.DIAG_PAGE_BUTTON.removeBypass}: ${dt.RING_SHORT[unit]}` : dt.DIAG_PAGE_BUTTON.removeBypass}
          @click=${() => this.send({ type: 'user.bypass', unit, bypassed: false })}
        ></sos-action-button>`,
      );
    }
    const guide = this.diagnosis.value?.primaryGuide;
    if (guide)
      out.push(
        html`<sos-action-button
          label=${t.DIAG_BUTTON.guide}
          @click=${() => this.open({ screen: 'guide', guide })}
        ></sos-action-button>`,
      );
    return out;
  }

  protected override render(): TemplateResult {
    const d = this.diagnosis.value?.ring;
    return html`<div class="page">
      ${this.renderNav('ring')}
      <section class="content" aria-labelledby="title">
        <header>
          <h1 id="title" tabindex="-1" data-idrive-fallback>${dt.RING_TITLE}</h1>
        </header>
        ${
          d
            ? html`<div class="body">
                <div>
                  ${this.renderRing(d)}
                  <div class="legend" aria-hidden="true">
                    <span><i style="color: var(--sos-ready)"></i>${dt.RING_LEGEND.light}</span>
                    <span
                      ><i style="color: var(--sos-danger); border-block-start-style: dotted"></i
                      >${dt.RING_LEGEND.dark}</span
                    >
                    <span
                      ><i style="color: var(--sos-unknown); border-block-start-style: dashed"></i
                      >${dt.RING_LEGEND.unknown}</span
                    >
                    <span
                      ><i style="color: var(--sos-accent); border-block-start-style: dotted"></i
                      >${dt.RING_LEGEND.bypassed}</span
                    >
                  </div>
                </div>
                <div class="side">
                  <p class="verdict" data-verdict=${d.verdict} data-part="verdict">
                    ${dt.ringVerdictText(d)}
                  </p>
                  ${d.verdict === 'breakLocated' || d.verdict === 'open' ? html`<p class="note">${dt.RING_UNKNOWN_NOTE}</p>` : nothing}
                  ${d.verdict === 'breakLocated' ? html`<p class="note">${dt.RING_BYPASS_NOTE}</p>` : nothing}
                </div>
              </div>`
            : html`<div></div>`
        }
        <div class="actions">${d ? this.renderActions(d) : nothing}</div>
      </section>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sos-ring-diagram': SosRingDiagram;
  }
}

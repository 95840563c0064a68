/**
 * Baseline 1 — raw DOM, no framework: the floor. Store changes are written straight into the DOM,
 * touching only what changed (screen swap, countdown text and ring, telltale bar).
 */
import {
  CSS,
  TEXT,
  connectVehicle,
  createStore,
  telltaleSvg,
  type BaselineState,
} from '../shared/vehicle.js';

const store = createStore();
const style = document.createElement('style');
style.textContent = CSS;
document.head.append(style);

const header = document.createElement('header');
const telltale = document.createElement('div');
telltale.className = 'telltale';
const title = document.createElement('span');
title.textContent = 'SOS';
header.append(telltale, title);
const main = document.createElement('main');
document.body.append(header, main);

const RING = 2 * Math.PI * 110;
let ringArc: SVGCircleElement | null = null;
let countdownTitle: HTMLHeadingElement | null = null;

function h<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (text !== undefined) el.textContent = text;
  return el;
}

function renderScreen(state: BaselineState): void {
  ringArc = null;
  countdownTitle = null;
  if (state.screen === 'status') {
    main.replaceChildren(h('h1', state.malfunction ? TEXT.malfunction : TEXT.ready));
  } else if (state.screen === 'cancel') {
    const ring = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    ring.setAttribute('viewBox', '0 0 240 240');
    ring.setAttribute('class', 'ring');
    ring.innerHTML = `<circle cx="120" cy="120" r="110" fill="none" stroke="#22344f" stroke-width="12"/><circle cx="120" cy="120" r="110" fill="none" stroke="#ff4338" stroke-width="12" stroke-dasharray="${RING}"/>`;
    ringArc = ring.lastElementChild as SVGCircleElement;
    countdownTitle = h('h1');
    main.replaceChildren(ring, countdownTitle, h('button', TEXT.cancel), h('button', TEXT.callNow));
    renderCountdown(state);
  } else {
    main.replaceChildren(h('h1', TEXT.connecting), h('p', state.automatic ? TEXT.automatic : ''));
  }
}

function renderCountdown(state: BaselineState): void {
  if (countdownTitle) countdownTitle.textContent = TEXT.cancelTitle(state.countdownS);
  ringArc?.setAttribute('stroke-dashoffset', String(RING * (1 - state.countdownS / 10)));
}

let shown = store.get();
telltale.innerHTML = telltaleSvg(shown.malfunction);
renderScreen(shown);
store.subscribe(() => {
  const next = store.get();
  if (next.malfunction !== shown.malfunction) {
    telltale.classList.toggle('malfunction', next.malfunction);
    telltale.innerHTML = telltaleSvg(next.malfunction);
  }
  if (next.screen !== shown.screen || (next.screen === 'status' && next.malfunction !== shown.malfunction)) {
    renderScreen(next);
  } else if (next.countdownS !== shown.countdownS) {
    renderCountdown(next);
  }
  shown = next;
});

window.benchTarget = connectVehicle('raw', store);

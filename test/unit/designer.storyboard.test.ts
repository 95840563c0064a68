import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseFlow } from '../../src/designer/flow.js';
import { frameFile, frameWords, storyboardHtml, type Storyboard } from '../../src/designer/storyboard.js';

const flow = parseFlow(
  readFileSync(
    join(import.meta.dirname, '..', 'flows', 'recorded', 'manual-call-cancelled.flow.json'),
    'utf8',
  ),
);

function board(): Storyboard {
  const words = frameWords(flow);
  return {
    title: flow.title,
    start: flow.start,
    theme: 'night',
    lang: 'en',
    viewport: '1280x480',
    generated: '2025-06-02T14:05:00.000Z',
    frames: words.map((step, index) => ({
      index,
      step,
      file: frameFile(index),
      screen: index
        ? { tag: flow.steps[index - 1]!.screen.tag, h1: flow.steps[index - 1]!.screen.h1, panel: null }
        : { tag: 'sos-status-screen', h1: 'SOS <status> unknown', panel: null },
      problem: index === 3 ? 'recorded sos-cancel-flow, reached sos-status-screen' : null,
    })),
  };
}

test('a frame for the start and one after each step, in order, with the step in words', () => {
  const words = frameWords(flow);
  assert.equal(words.length, flow.steps.length + 1);
  assert.deepEqual(words.slice(0, 3), ['Start: scenario ready', 'Time +10 s', 'Press SOS']);
  assert.equal(frameFile(3), '03.png');
  const html = storyboardHtml(board());
  const order = [...html.matchAll(/data-frame="(\d+)"/g)].map((m) => Number(m[1]));
  assert.deepEqual(order, [0, 1, 2, 3, 4, 5, 6]);
  assert.match(html, /<img src="02.png"[^>]*>[\s\S]*?<strong>Press SOS<\/strong>/);
  assert.match(html, /sos-call-cancelled “Call cancelled”/);
});

test('the page escapes what it shows and marks frames that differ', () => {
  const html = storyboardHtml(board());
  assert.ok(html.includes('SOS &lt;status&gt; unknown'));
  assert.ok(!html.includes('<status>'));
  assert.match(html, /<figure data-frame="3" class="problem">/);
  assert.match(html, /1 frame\(s\) differ from the recording/);
  assert.match(html, /<title>Manual call cancelled — storyboard<\/title>/);
});

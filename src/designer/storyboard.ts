/**
 * A flow as a storyboard for design reviews (issue #20 §3): its frames in order, each with the step
 * that led to it in words and the screen it reached — one self-contained HTML page beside the PNGs
 * (scripts/storyboard.ts replays the flow and takes them). Pure: no DOM, no file system.
 */
import { describeAction, type Flow, type FlowStart } from './flow.js';

/** The screen a frame shows, as read after its step. */
export interface FrameScreen {
  readonly tag: string;
  readonly h1: string;
  /** The panel open over the screen (its tag), or null. */
  readonly panel: string | null;
}

/** One frame: the start, or the screen after a step. */
export interface StoryboardFrame {
  /** 0: the start; n: after step n. */
  readonly index: number;
  /** The step in words (`Press SOS`, `Time +10 s`, `Start: scenario ready`). */
  readonly step: string;
  /** Its PNG, relative to the page. */
  readonly file: string;
  readonly screen: FrameScreen;
  /** Set when the replay did not reach the recorded screen (what was expected), or failed. */
  readonly problem: string | null;
}

export interface Storyboard {
  readonly title: string;
  readonly start: FlowStart;
  readonly theme: string;
  readonly lang: string;
  readonly viewport: string;
  readonly frames: readonly StoryboardFrame[];
  /** When it was made (ISO 8601). */
  readonly generated: string;
}

/** The start of a flow in words. */
export function describeStart(start: FlowStart): string {
  const faults = start.faults?.length ? `, faults ${start.faults.join(', ')}` : '';
  return `Start: scenario ${start.scenario}${faults}`;
}

/** The words of every frame of a flow: the start, then each step. */
export function frameWords(flow: Flow): string[] {
  return [describeStart(flow.start), ...flow.steps.map((s) => describeAction(s.action))];
}

/** The PNG file of frame `index` (sorts in order). */
export function frameFile(index: number): string {
  return `${String(index).padStart(2, '0')}.png`;
}

function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

function screenWords(screen: FrameScreen): string {
  const h1 = screen.h1 ? ` “${screen.h1}”` : '';
  return `${screen.tag}${h1}${screen.panel ? ` + ${screen.panel}` : ''}`;
}

/** The storyboard page: frames in order, each with its step and the screen reached under it. */
export function storyboardHtml(board: Storyboard): string {
  const frames = board.frames
    .map(
      (f) => `<figure data-frame="${f.index}"${f.problem ? ' class="problem"' : ''}>
<a href="${escapeHtml(f.file)}"><img src="${escapeHtml(f.file)}" alt="${escapeHtml(`Frame ${f.index}: ${screenWords(f.screen)}`)}"></a>
<figcaption><span class="n">${f.index}</span> <strong>${escapeHtml(f.step)}</strong><br><span class="screen">${escapeHtml(screenWords(f.screen))}</span>${
        f.problem ? `<br><span class="warn">${escapeHtml(f.problem)}</span>` : ''
      }</figcaption>
</figure>`,
    )
    .join('\n');
  const problems = board.frames.filter((f) => f.problem).length;
  return `<!doctype html><html lang="en"><meta charset="utf-8"><title>${escapeHtml(board.title)} — storyboard</title>
<style>body{font:14px system-ui,sans-serif;margin:24px;background:#15171c;color:#e9ecf2}h1{margin:0 0 4px}p{color:#9aa3b2;margin:0 0 16px}
.board{display:grid;grid-template-columns:repeat(auto-fill,minmax(440px,1fr));gap:20px}figure{margin:0}img{width:100%;border-radius:6px;box-shadow:0 6px 18px #0008;display:block}
figcaption{margin-top:6px;line-height:1.4}.n{display:inline-block;min-width:1.6em;padding:0 4px;border-radius:4px;background:#2f6fdb;color:#fff;text-align:center;font-size:12px}
.screen{color:#9aa3b2;font:12px ui-monospace,monospace}.warn{color:#ff8a80}figure.problem img{outline:3px solid #ff5252}
@media print{body{background:#fff;color:#000}.board{grid-template-columns:1fr 1fr}figure{break-inside:avoid}}</style>
<h1>${escapeHtml(board.title)}</h1>
<p>${board.frames.length} frames · ${escapeHtml(describeStart(board.start))} · ${escapeHtml(board.theme)} · ${escapeHtml(board.lang)} · ${escapeHtml(board.viewport)}${
    problems ? ` · <span class="warn">${problems} frame(s) differ from the recording</span>` : ''
  } · generated ${escapeHtml(board.generated)}</p>
<div class="board">
${frames}
</div></html>
`;
}

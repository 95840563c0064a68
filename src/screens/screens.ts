/**
 * Every screen that can replace the status screen on an event: the Check Control message and the call
 * screens. The entry paints the shell and the status screen first and loads this module with the
 * machines and the vehicle link, which wait for it, so a screen is always defined before any event can
 * ask for it (docs/performance.md). The diagnosis pages open only at the driver's request and load
 * then (`diagnosis.ts`).
 */
import './malfunction-warning.js';
import './cancel-flow.js';
import './active-call.js';
import './call-redialing.js';
import './call-failed.js';
import './call-ended.js';
import './call-cancelled.js';
import './callback.js';
import './test-call-ended.js';

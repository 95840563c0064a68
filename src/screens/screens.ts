/**
 * Every screen that replaces the status screen: the Check Control message, the call screens and the
 * diagnosis. The entry paints the shell and the status screen first and loads this module with the
 * machines and the vehicle link, which wait for it, so a screen is always defined before any event can
 * ask for it (docs/performance.md).
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
import './self-test-results.js';
import './ring-diagram.js';
import './guide-screen.js';
import './fault-memory.js';

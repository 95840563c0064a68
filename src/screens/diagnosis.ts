/**
 * The diagnosis pages (self-test results, MOST ring diagram, guides, fault memory) with their base
 * class and texts. The shell loads this chunk only when the driver opens diagnosis (`loadDiagnosis`
 * in `app.ts`), so a head unit does not download it at start-up (docs/architecture.md).
 */
import './self-test-results.js';
import './ring-diagram.js';
import './guide-screen.js';
import './fault-memory.js';

/**
 * Writes `vss/sos-overlay.vspec` from the path table in src/bridge/vissPaths.ts (descriptions from
 * gateway/vssDescriptions.ts), so the overlay, the gateway and the HMI can never disagree. Run: `node --import tsx gateway/tools/makeOverlay.ts`.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { VSS_PATHS } from '../../src/bridge/vissPaths.js';
import { VSS_DESCRIPTIONS } from '../vssDescriptions.js';

export function makeOverlay(): string {
  const out: string[] = [
    '# sos-hmi VSS overlay (COVESA VSS .vspec syntax), for use with vss-tools on top of VSS 4.0+.',
    '# COVESA VSS has no eCall/SOS signals: everything the SOS HMI needs beyond the standard tree is',
    '# defined here under Vehicle.Private.SOS. Generated from src/bridge/vissPaths.ts by',
    '# gateway/tools/makeOverlay.ts; see docs/bridge-protocol.md for how each value is used.',
    '# Event-like values (Button.Event, Crash.Event, SelfTest.Result) and composite states',
    '# (MostRing.State, Call.Session, Call.Conversation, PointsOfInterest) and the commands with',
    '# arguments (RingBypass, StartGuidance, SendText, Speak) are JSON documents in a string.',
    '',
  ];
  const branches = new Set<string>();
  for (const spec of VSS_PATHS.filter((s) => s.overlay)) {
    const parts = spec.path.split('.');
    for (let i = 2; i < parts.length; i++) {
      const branch = parts.slice(0, i).join('.');
      if (branch === 'Vehicle' || branches.has(branch)) continue;
      branches.add(branch);
      out.push(
        `${branch}:`,
        '  type: branch',
        `  description: sos-hmi project overlay (${parts[i - 1]}).`,
        '',
      );
    }
    out.push(`${spec.path}:`, `  datatype: ${spec.datatype}`, `  type: ${spec.type}`);
    if (spec.allowed && spec.datatype === 'string')
      out.push(`  allowed: [${spec.allowed.map((a) => `'${a}'`).join(', ')}]`);
    const description = VSS_DESCRIPTIONS.get(spec.path);
    if (description === undefined)
      throw new Error(`${spec.path} has no description in gateway/vssDescriptions.ts`);
    out.push(`  description: ${JSON.stringify(description)}`, '');
  }
  return out.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const path = fileURLToPath(new URL('../../vss/sos-overlay.vspec', import.meta.url));
  writeFileSync(path, makeOverlay());
  console.log(`wrote ${path}`);
}

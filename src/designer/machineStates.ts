/** The compact state chart in the panel: each machine's current state as a short path. */
import type { AnyActorRef } from 'xstate';
import type { Hmi } from '../app/assembleHmi.js';

/** `{ a: { b: 'c' }, d: 'e' }` → `a.b.c · d.e` (parallel regions joined with a dot separator). */
export function statePath(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([key, inner]) => {
        const rest = statePath(inner);
        return rest ? `${key}.${rest}` : key;
      })
      .join(' · ');
  }
  return '';
}

export interface MachineState {
  readonly id: string;
  readonly state: string;
}

/** The root and each child the screens read, in the order of the architecture notes. */
export function machineActors(hmi: Hmi): readonly (readonly [string, AnyActorRef])[] {
  return [
    ['sosHmi', hmi.actor],
    ['status', hmi.status],
    ['malfunction', hmi.malfunction],
    ['call', hmi.call],
    ['diagnostics', hmi.diagnostics],
    ['faultMemory', hmi.faultMemory],
  ];
}

export function machineStates(hmi: Hmi): MachineState[] {
  return machineActors(hmi).map(([id, actor]) => ({
    id,
    state: statePath((actor.getSnapshot() as { value?: unknown }).value),
  }));
}

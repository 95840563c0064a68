/**
 * Where the fault memory is kept across reloads. The machines only produce the entries; this
 * adapter, used by the composition root, loads them at start and saves every change.
 */
import { parseFaultLogEntries, type FaultLogEntry } from '../machines/model/faultLog.js';

export interface FaultMemoryStore {
  load(): FaultLogEntry[];
  save(entries: readonly FaultLogEntry[]): void;
  clear(): void;
}

/** The storage key (one fault memory per origin, like one per head unit). */
export const FAULT_MEMORY_KEY = 'sos-hmi.faultMemory.v1';

/** localStorage-backed store; a full or blocked storage never stops the HMI (logged once). */
export function localFaultMemoryStore(
  storage: Storage | undefined = globalThis.localStorage,
  key: string = FAULT_MEMORY_KEY,
): FaultMemoryStore {
  let warned = false;
  const warn = (what: string, error: unknown): void => {
    if (warned) return;
    warned = true;
    console.warn(
      `[sos-hmi] fault memory ${what} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  };
  return {
    load() {
      if (!storage) return [];
      try {
        const raw = storage.getItem(key);
        return raw ? parseFaultLogEntries(JSON.parse(raw)) : [];
      } catch (error) {
        warn('load', error);
        return [];
      }
    },
    save(entries) {
      try {
        storage?.setItem(key, JSON.stringify(entries));
      } catch (error) {
        warn('save', error);
      }
    },
    clear() {
      storage?.removeItem(key);
    },
  };
}

/** A store that forgets on reload (tests, Node). */
export function memoryFaultMemoryStore(initial: readonly FaultLogEntry[] = []): FaultMemoryStore {
  let kept = [...initial];
  return {
    load: () => [...kept],
    save: (entries) => {
      kept = [...entries];
    },
    clear: () => {
      kept = [];
    },
  };
}

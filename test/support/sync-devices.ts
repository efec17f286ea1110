// The devices and sync folders a sync test makes, each removed after the test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SyncDevices<T> {
  /** A new device: a journal (or sandbox) of its own. */
  device(): T;
  /** A new, empty sync folder. */
  folder(): string;
  /** Another path the test makes, removed with the folders. */
  removeLater(path: string): void;
  /** Removes every device and folder made since the last cleanup. */
  cleanup(): void;
}

export function syncDevices<T extends { cleanup(): void }>(make: () => T, prefix: string): SyncDevices<T> {
  let made: T[] = [];
  let folders: string[] = [];
  return {
    device() {
      const d = make();
      made.push(d);
      return d;
    },
    folder() {
      const f = mkdtempSync(join(tmpdir(), prefix));
      folders.push(f);
      return f;
    },
    removeLater(path) {
      folders.push(path);
    },
    cleanup() {
      for (const d of made) d.cleanup();
      for (const f of folders) rmSync(f, { recursive: true, force: true });
      made = [];
      folders = [];
    },
  };
}

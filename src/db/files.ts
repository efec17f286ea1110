import { chmodSync, closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from '../errors';

/** Creates the folder (0700) if it is missing; an existing folder is left as its owner set it. */
export function ensurePrivateFolder(folder: string): void {
  if (existsSync(folder)) return;
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  chmodSync(folder, 0o700);
}

/** Creates an empty file only the owner can read, so what goes into it is private from its first byte. */
export function createPrivateFile(path: string): void {
  ensurePrivateFolder(dirname(path));
  closeSync(openSync(path, 'wx', 0o600));
  chmodSync(path, 0o600);
}

/**
 * Writes a whole file (0600) by way of a temporary one and a rename, so a reader never sees half of it
 * and an interrupted run leaves any earlier file as it was.
 */
export function writePrivateFile(path: string, text: string): void {
  if (existsSync(path) && statSync(path).isDirectory()) throw new UsageError(`${path} is a folder; --out takes a file name.`);
  // crypto is loaded here, not at the top: every command's bundle holds this file, few write one.
  const { randomBytes } = require('node:crypto') as typeof import('node:crypto');
  const temporary = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  createPrivateFile(temporary);
  try {
    const fd = openSync(temporary, 'w');
    try {
      writeSync(fd, text);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

import { chmodSync, closeSync, existsSync, mkdirSync, openSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
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

/** The files that are the journal: the database, SQLite's side files, and connect's own beside it. */
const JOURNAL_SUFFIXES = ['', '-wal', '-shm', '-journal', '.nudge', '.nudge-plan'];

/** Where a path really leads: links followed as far as the path exists, the rest as written. */
function realPath(path: string): string {
  const absolute = resolve(path);
  if (existsSync(absolute)) return realpathSync(absolute);
  const parent = dirname(absolute);
  return parent === absolute ? absolute : resolve(realPath(parent), basename(absolute));
}

/** --out must not land on the journal or its side files, by any name or link: refused before anything is written. */
export function refuseJournalOutput(out: string, journalPath: string): void {
  const target = realPath(out);
  const journal = realPath(journalPath);
  if (JOURNAL_SUFFIXES.some((suffix) => target === journal + suffix)) {
    throw new UsageError(`${out} is your journal (or a file SQLite keeps beside it); --out takes another file name.`);
  }
}

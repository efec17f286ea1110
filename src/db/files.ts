import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../errors';
import { slicesOf } from '../core/chunks';

/** The journal and every file SQLite or connect keeps beside it under its name. */
export const JOURNAL_SIDE_SUFFIXES = ['', '-wal', '-shm', '-journal', '.nudge', '.nudge-plan'] as const;

/** Where a path really leads: symlinks and `..` followed as far as the path exists, and the file's identity if it does. */
function whereItLeads(path: string): { real: string; inode: string | null } {
  const absolute = resolve(path);
  try {
    const real = realpathSync(absolute);
    const stat = statSync(real);
    return { real, inode: `${stat.dev}:${stat.ino}` };
  } catch {
    // Not there (yet): the folder it would go into, followed as far as it exists, and the name.
    let folder = dirname(absolute);
    const rest = [basename(absolute)];
    for (;;) {
      try {
        return { real: join(realpathSync(folder), ...rest), inode: null };
      } catch {
        if (dirname(folder) === folder) return { real: absolute, inode: null };
        rest.unshift(basename(folder));
        folder = dirname(folder);
      }
    }
  }
}

/**
 * Refuses (exit 2) an output path that is, or leads to, the journal or one of its side files — by path after
 * following links, and by inode for a hard link — so no command ever writes over them.
 */
export function refuseJournalFiles(target: string, journalPath: string, flag: string): void {
  const out = whereItLeads(target);
  for (const suffix of JOURNAL_SIDE_SUFFIXES) {
    const side = whereItLeads(journalPath + suffix);
    if (out.real === side.real || (out.inode !== null && out.inode === side.inode)) {
      const what = suffix === '' ? 'the journal itself' : `the journal’s own ${suffix} file`;
      throw new UsageError(
        `${target} is ${what} (${journalPath}${suffix}); ${flag} never writes over it. Nothing was changed.`,
        `Pick another file name for ${flag}.`,
      );
    }
  }
}

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

/** The first `length` bytes of `buffer`, all of them, into `fd` (one write may take fewer). */
export function writeAll(fd: number, buffer: Buffer, length = buffer.length): void {
  for (let offset = 0; offset < length; ) offset += writeSync(fd, buffer, offset, length - offset);
}

/**
 * Writes a whole file (0600) by way of a temporary one, flushed to disk, and a rename, so a reader never sees half
 * of it and an interrupted run (or a power cut) leaves any earlier file as it was.
 */
export function writePrivateFile(path: string, text: string): void {
  writePrivateFileInChunks(path, [text]);
}

/**
 * The same, from text that arrives in chunks (a million-row export), each written as it comes so that the
 * whole never sits in memory. Returns the bytes written.
 */
export function writePrivateFileInChunks(path: string, chunks: Iterable<string>): number {
  if (existsSync(path) && statSync(path).isDirectory())
    throw new UsageError(`${path} is a folder; --out takes a file name.`);
  // The name need not be unguessable (the file is created exclusively, never through a link), only unlikely to
  // meet another run's: no need to load node:crypto for it.
  const temporary = `${path}.${Math.floor(Math.random() * 0x100000000)
    .toString(16)
    .padStart(8, '0')}.tmp`;
  createPrivateFile(temporary);
  try {
    let bytes = 0;
    const fd = openSync(temporary, 'w');
    try {
      // A long chunk (a sync file's body) is encoded a slice at a time rather than into one buffer as large.
      for (const chunk of chunks)
        for (const slice of slicesOf(chunk)) {
          const buffer = Buffer.from(slice, 'utf8');
          writeAll(fd, buffer);
          bytes += buffer.length;
        }
      // On disk before it takes the name: a power cut never leaves an empty or partial file under it.
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
    return bytes;
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** The files that are the journal: the database, SQLite's side files, and connect's own beside it. */

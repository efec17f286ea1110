import { RuntimeError } from '../errors';

/** Turns SQLite's error codes into a sentence a person can act on. */
export function describeDatabaseError(error: unknown, path: string): RuntimeError | null {
  const code = (error as { code?: unknown })?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code === 'SQLITE_LOCKED') {
    return new RuntimeError(
      `The journal at ${path} is busy in another process; nothing was changed.`,
      'Try again in a moment.',
    );
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return new RuntimeError(
      `The journal at ${path} is read-only here; nothing was changed.`,
      'Check its permissions (connect doctor shows them).',
    );
  }
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return new RuntimeError(
      `The journal at ${path} looks damaged or is not an SQLite file; it was left as it is, and connect writes nothing more to it.`,
      'connect doctor checks it and names your newest backup; connect restore BACKUP brings one back.',
    );
  }
  if (code === 'SQLITE_FULL') {
    return new RuntimeError(`The disk holding ${path} is full; nothing was changed.`, 'Free some space and try again.');
  }
  if (
    code.startsWith('SQLITE_CANTOPEN') ||
    code.startsWith('SQLITE_IOERR') ||
    code.startsWith('SQLITE_PERM') ||
    code.startsWith('SQLITE_AUTH')
  ) {
    return new RuntimeError(
      `The journal at ${path} could not be opened or written (${code}); nothing was changed.`,
      'Check that the folder exists and is yours (connect doctor shows where the journal is).',
    );
  }
  return new RuntimeError(`The journal at ${path} reported ${code}; nothing was changed.`);
}

/** Turns the file system's refusals (permissions, a full disk, a read-only disk) into a sentence with what to do. */
export function describeFileError(error: unknown): RuntimeError | null {
  const { code, path, syscall } = (error ?? {}) as { code?: unknown; path?: unknown; syscall?: unknown };
  if (typeof code !== 'string') return null;
  const where = typeof path === 'string' ? path : 'a file connect needed';
  if (code === 'EACCES' || code === 'EPERM') {
    return new RuntimeError(
      `connect is not allowed to ${syscall === 'open' || syscall === 'stat' || syscall === 'scandir' ? 'reach' : 'change'} ${where} (permission denied); nothing was changed.`,
      "Check that the folder and file are yours and open to you (ls -ld on each folder on the way); connect doctor shows the journal's.",
    );
  }
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return new RuntimeError(
      `The disk holding ${where} is full; nothing was changed.`,
      'Free some space and try again.',
    );
  if (code === 'EROFS')
    return new RuntimeError(
      `${where} is on a read-only disk; nothing was changed.`,
      'Choose a place you can write to (--db, CONNECT_DB or --out).',
    );
  return null;
}

// Writing and terminal checks for the process's own streams, without creating process.stdout or loading
// tty: Node's stream machinery for a pipe costs several milliseconds at every start, and most runs write
// a few lines to a pipe, a file or a terminal that takes them at once.
import { fstatSync, writeSync } from 'node:fs';

/** Once a write had to wait (a full non-blocking pipe), the rest goes the same way, to keep the order. */
const streamed = new Set<number>();

function stream(fd: 1 | 2): NodeJS.WriteStream {
  const target = fd === 1 ? process.stdout : process.stderr;
  if (!streamed.has(fd)) {
    streamed.add(fd);
    target.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
  return target;
}

/**
 * Writes all of `text` to fd 1 or 2. A reader that has gone away (EPIPE, as in `connect history | head`)
 * takes nothing more, quietly; a pipe that is full and will not wait (EAGAIN) gets the rest through Node's
 * stream, which waits for it before the process exits.
 */
export function writeOut(fd: 1 | 2, text: string): void {
  if (streamed.has(fd)) {
    stream(fd).write(text);
    return;
  }
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') return;
      if (code !== 'EAGAIN') throw error;
      stream(fd).write(bytes.subarray(offset));
      return;
    }
  }
}

/** True unless some output was handed to Node's stream and may still be on its way. */
export const allWritten = () => streamed.size === 0;

/** Whether `fd` is a terminal. Pipes and files are told apart by one fstat; only a character device asks tty. */
export function isTerminal(fd: 0 | 1 | 2): boolean {
  try {
    if (!fstatSync(fd).isCharacterDevice()) return false;
  } catch {
    return false;
  }
  return (require('node:tty') as typeof import('node:tty')).isatty(fd);
}

/** The width of the terminal on stdout: $COLUMNS when set (as shells and tests set it), else asked of the terminal. */
export function terminalColumns(env: Record<string, string | undefined>): number | undefined {
  const fromEnv = Number(env.COLUMNS);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  return process.stdout.columns || undefined;
}

import { join } from 'node:path';

/** Where the journal lives, first match wins: --db, $CONNECT_DB, $XDG_DATA_HOME, ~/.local/share. */
export function resolveJournalPath(flag: string | undefined, env: Record<string, string | undefined>): string {
  if (flag) return flag;
  if (env.CONNECT_DB) return env.CONNECT_DB;
  const dataHome =
    env.XDG_DATA_HOME ||
    join(env.HOME || (require('node:os') as typeof import('node:os')).homedir(), '.local', 'share');
  return join(dataHome, 'connect', 'journal.db');
}

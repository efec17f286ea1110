import type { Register } from './program';
import { registerConfig } from './commands/config';
import { registerDelete } from './commands/delete';
import { registerEdit } from './commands/edit';
import { registerHistory } from './commands/history';
import { registerLog } from './commands/log';
import { registerMood } from './commands/mood';
import { registerPeople } from './commands/people';
import { registerUndo } from './commands/undo';
import { registerWeek } from './commands/week';
import { registerPatterns } from './commands/patterns';
import { registerCalendar } from './commands/calendar';
import { registerRemind } from './commands/remind';
import { registerCheckin } from './commands/checkin';
import { registerTouchpoint } from './commands/touchpoint';
import { registerNext } from './commands/next';
import { registerNudge } from './commands/nudge';
import { registerShellInit } from './commands/shell-init';
import { registerCompletion } from './commands/completion';
import { registerExport } from './commands/export';
import { registerImport } from './commands/import';
import { registerBackup } from './commands/backup';
import { registerDoctor } from './commands/doctor';
import { registerRestore } from './commands/restore';
import { registerSync } from './commands/sync';

/** Every command, in the order `connect --help` lists them. */
export const ALL_COMMANDS: readonly Register[] = [
  registerLog,
  registerMood,
  registerHistory,
  registerPeople,
  registerEdit,
  registerDelete,
  registerUndo,
  registerConfig,
  registerWeek,
  registerPatterns,
  registerCalendar,
  registerRemind,
  registerCheckin,
  registerTouchpoint,
  registerNext,
  registerNudge,
  registerShellInit,
  registerCompletion,
  registerExport,
  registerImport,
  registerSync,
  registerBackup,
  registerRestore,
  registerDoctor,
];

import type { ChalkInstance } from 'chalk';
import { formatStamp } from '../core/dates';
import { plural } from '../core/week';
import type { SyncNote, SyncOutcome, SyncStatus } from '../db/sync';
import { instantJson } from './json';

const count = (n: number, one: string, many = `${one}s`) => `${n} ${plural(n, one, many)}`;

const NOTE_WORDS: Record<SyncNote['reason'], string> = {
  ahead: 'left for later',
  incomplete: 'left for next time',
  newer: 'left untouched',
  'not-connect': 'left untouched',
  'set-aside': 'set aside',
  unreadable: 'left for next time',
};

/** A file left for later, in a line. */
const noteLine = (note: SyncNote, c: ChalkInstance) =>
  `  ${c.dim('·')} ${note.file}: ${NOTE_WORDS[note.reason]}, ${note.detail}.`;

/** The words after `connect sync`. */
export function syncLines(outcome: SyncOutcome, dir: string, c: ChalkInstance): string[] {
  const lines: string[] = [];
  const inRows = Object.values(outcome.received.rows).reduce((a, b) => a + b, 0) + outcome.received.removed;
  if (outcome.sent)
    lines.push(
      `Wrote ${count(outcome.sent.rows, 'row')}${outcome.sent.removed ? ` and ${count(outcome.sent.removed, 'removal')}` : ''} from this device to ${outcome.sent.file}.`,
    );
  else if (outcome.notSent)
    lines.push(`Nothing was written: ${outcome.notSent}. This device's changes wait for the next sync.`);
  else lines.push('Nothing new on this device to write.');
  if (outcome.compacted)
    lines.push(
      `Gathered this device's ${count(outcome.compacted.replaced, 'file')} in the folder into one, ${outcome.compacted.file}.`,
    );
  if (outcome.received.files > 0)
    lines.push(
      `Merged ${count(inRows, 'row')} from ${count(outcome.received.files, 'file')} of other devices${inRows > 0 ? ' (connect undo takes them back)' : ''}.`,
    );
  else lines.push('Nothing new from other devices.');
  if (outcome.notes.length > 0) {
    lines.push(`${count(outcome.notes.length, 'file')} in ${dir} waited:`);
    for (const note of outcome.notes) lines.push(noteLine(note, c));
    if (outcome.notes.some((n) => n.reason === 'incomplete' || n.reason === 'unreadable'))
      lines.push(c.dim('  Files left for next time are read again at the next sync.'));
    if (outcome.notes.some((n) => n.reason === 'newer'))
      lines.push(c.dim('  Files from a newer connect are read once this one is updated.'));
  }
  return lines;
}

/** `connect sync --json`. */
export function syncJson(outcome: SyncOutcome, dir: string) {
  return {
    dir,
    device: outcome.device,
    sent: outcome.sent,
    notSent: outcome.notSent,
    received: outcome.received,
    waiting: outcome.notes,
    compacted: outcome.compacted,
  };
}

/** `connect sync status`. */
export function syncStatusLines(status: SyncStatus, dir: string | null, now: Date, c: ChalkInstance): string[] {
  if (!status.device)
    return [
      'This journal has not synced yet.',
      `${count(status.waitingOut, 'row')} would go out at the first sync${dir ? ` (to ${dir})` : ''}.`,
      c.dim('  connect sync DIR, or connect config set sync.dir DIR and then connect sync.'),
    ];
  const lines = [
    `This device: ${status.device}${status.lastSync ? `, last synced ${formatStamp(new Date(status.lastSync), now)}` : ''}.`,
    dir ? `Sync folder: ${dir}.` : 'No sync folder is set (connect config set sync.dir DIR).',
    status.waitingOut > 0
      ? `${count(status.waitingOut, 'change')} on this device wait to go out.`
      : 'Every change on this device has gone out.',
  ];
  if (status.devices.length === 0) lines.push('No other device seen yet.');
  else {
    lines.push('Other devices seen:');
    for (const device of status.devices)
      lines.push(
        `  ${device.device}  ${count(device.files, 'file')}, the latest ${device.writtenAt ? `written ${formatStamp(new Date(device.writtenAt), now)}` : `merged ${formatStamp(new Date(device.mergedAt), now)}`}`,
      );
  }
  if (status.waitingIn > 0) lines.push(`${count(status.waitingIn, 'file')} from other devices wait to be merged.`);
  return lines;
}

export function syncStatusJson(status: SyncStatus, dir: string | null) {
  const at = (ms: number | null) => (ms === null ? null : instantJson(new Date(ms)));
  return {
    device: status.device,
    dir,
    lastSync: at(status.lastSync),
    waitingOut: status.waitingOut,
    waitingIn: status.waitingIn,
    devices: status.devices.map((d) => ({
      device: d.device,
      files: d.files,
      lastFile: d.lastFile,
      writtenAt: at(d.writtenAt),
      mergedAt: at(d.mergedAt),
    })),
  };
}

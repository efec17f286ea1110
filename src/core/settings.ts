import { UsageError } from '../errors';

export interface SettingDefinition {
  key: string;
  description: string;
  defaultValue: string;
  /** Returns the value as stored, or throws a usage error naming the accepted forms. */
  parse: (value: string) => string;
}

const oneOf = (key: string, values: string[]) => (value: string) => {
  const v = value.trim().toLowerCase();
  if (!values.includes(v)) throw new UsageError(`${key} takes one of ${values.join(', ')}; got "${value}".`);
  return v;
};

/** "1 day", "12 hours", "2 days", or "off". */
export function parseNudgeEvery(value: string): string {
  const v = value.trim().toLowerCase();
  if (v === 'off') return v;
  const match = /^(\d{1,3})?\s*(hour|hours|day|days|h|d)$/.exec(v);
  const count = match ? Number(match[1] ?? 1) : 0;
  if (!match || count < 1)
    throw new UsageError(`nudge.every takes a span like "1 day", "12 hours" or "2 days", or "off"; got "${value}".`);
  const unit = match[2].startsWith('h') ? 'hour' : 'day';
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

/** A folder path for sync.dir: one line of text, as typed (the folder is looked at when connect sync runs). */
export function parseSyncDir(value: string): string {
  const v = value.trim();
  if (v === '' || /[\u0000-\u001f\u007f-\u009f]/.test(v))
    throw new UsageError(`sync.dir takes the path of a folder, like ~/Sync/connect; got "${value}".`);
  return v;
}

export const SETTINGS: SettingDefinition[] = [
  {
    key: 'week.start',
    description: 'the day a week starts on (monday or sunday)',
    defaultValue: 'monday',
    parse: oneOf('week.start', ['monday', 'sunday']),
  },
  {
    key: 'nudge.every',
    description: 'how often the shell start-up nudge may speak ("1 day", "12 hours", or "off")',
    defaultValue: '1 day',
    parse: parseNudgeEvery,
  },
  {
    key: 'sync.dir',
    description: 'the folder connect sync uses when none is given (this device only; it never travels)',
    defaultValue: '',
    parse: parseSyncDir,
  },
];

export function settingDefinition(key: string): SettingDefinition {
  const definition = SETTINGS.find((s) => s.key === key.trim().toLowerCase());
  if (!definition)
    throw new UsageError(`There is no setting called "${key}".`, `Settings: ${SETTINGS.map((s) => s.key).join(', ')}.`);
  return definition;
}

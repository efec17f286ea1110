import type { ChalkInstance } from 'chalk';

/** `connect config list`: each setting, its value, whether that is the default, and what it does. */
export function settingsLines(
  settings: readonly { key: string; value: string; isDefault: boolean; description: string }[],
  c: ChalkInstance,
): string[] {
  return settings.map(
    (s) => `${s.key} = ${s.value}${s.isDefault ? c.dim(' (default)') : ''}  ${c.dim(`— ${s.description}`)}`,
  );
}

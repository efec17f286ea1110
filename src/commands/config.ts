import { settingDefinition } from '../core/settings';
import { getSetting, listSettings, setSetting } from '../db/settings';
import type { Register } from '../program';
import { settingsLines } from '../render/settings';

export const registerConfig: Register = (program, context) => {
  const config = program
    .command('config')
    .description('settings kept in the journal')
    .addHelpText(
      'after',
      '\nExamples:\n  $ connect config list\n  $ connect config set week.start sunday\n  $ connect config get nudge.every',
    );

  config
    .command('get')
    .argument('<key>', 'a setting, such as week.start')
    .action((key: string) => {
      const ctx = context();
      const definition = settingDefinition(key);
      const value = getSetting(ctx.openRead()?.db ?? null, definition.key);
      if (ctx.json) return ctx.printJson({ key: definition.key, value });
      ctx.print(value);
    });

  config
    .command('set')
    .argument('<key>', 'a setting, such as week.start')
    .argument('<value>', 'its new value')
    .action((key: string, value: string) => {
      const ctx = context();
      const definition = settingDefinition(key);
      definition.parse(value);
      const journal = ctx.openWrite();
      const stored = journal.write(ctx.now, `set ${definition.key}`, () =>
        setSetting(journal.db, ctx.now, definition.key, value),
      );
      if (ctx.json) return ctx.printJson({ key: definition.key, value: stored });
      ctx.print(`${definition.key} is now ${stored}.`);
    });

  config.command('list').action(() => {
    const ctx = context();
    const settings = listSettings(ctx.openRead()?.db ?? null);
    if (ctx.json) return ctx.printJson(settings.map(({ key, value, isDefault }) => ({ key, value, isDefault })));
    ctx.print(settingsLines(settings, ctx.color));
  });
};

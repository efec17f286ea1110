import { spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerName } from '../scripts/command-bundles.mjs';
import { addonBeside } from '../src/db/native';
import { nudgeBundle } from '../scripts/nudge-bundle.mjs';
import { BIN, sandbox, type Sandbox } from './e2e/run';

const ROOT = join(__dirname, '..');
const DIST = join(ROOT, 'dist');
const HEAVY = /commander|chalk|date-fns|chrono-node|@inquirer|inquirer|cli-table3|sparkly/;
const isBuiltin = (name: string) => name.startsWith('node:') || builtinModules.includes(name);

/** Every `require("…")` with a literal name in a built file. */
const literalRequires = (file: string) =>
  [...readFileSync(join(DIST, file), 'utf8').matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);

describe('the nudge bundle (dist/nudge.js)', () => {
  it('is made from our own sources and better-sqlite3’s JavaScript, nothing else', async () => {
    const result = await build({ ...nudgeBundle, write: false, metafile: true, logLevel: 'silent' });
    const inputs = Object.keys(result.metafile.inputs);
    const outside = inputs.filter(
      (path) =>
        !path.startsWith('src/') &&
        !path.startsWith('node_modules/better-sqlite3/') &&
        !path.startsWith('connect-stub:'),
    );
    expect(outside).toEqual([]);
    expect(inputs.filter((path) => HEAVY.test(path))).toEqual([]);
    // Only the core modules the nudge needs, none of the heavy ones (date-fns comes in through most of core).
    expect(inputs.filter((path) => path.startsWith('src/')).sort()).toEqual(
      [
        'src/clock.ts',
        'src/core/control-chars.ts',
        'src/core/local-day.ts',
        'src/core/nudge.ts',
        'src/core/reminders.ts',
        'src/core/words.ts',
        'src/db/native.ts',
        'src/db/nudge-read.ts',
        'src/db/paths.ts',
        'src/nudge/index.ts',
        'src/nudge/run.ts',
      ].sort(),
    );
  });

  it('requires nothing at run time beyond Node’s built-ins and better-sqlite3’s addon', () => {
    const named = literalRequires('nudge.js').filter((name) => !isBuiltin(name));
    expect(named).toEqual([]);
    // The one computed require is better-sqlite3 loading its compiled addon from the nativeBinding path.
    const computed = readFileSync(join(DIST, 'nudge.js'), 'utf8').match(/\brequire\((?!\s*["'])/g) ?? [];
    expect(computed.length).toBeLessThanOrEqual(1);
  });

  it('takes better-sqlite3’s addon from beside dist/, the file Node’s own search from dist/ finds', () => {
    expect(existsSync(addonBeside(DIST))).toBe(true);
    expect(addonBeside(DIST)).toBe(
      require.resolve('better-sqlite3/build/Release/better_sqlite3.node', { paths: [DIST] }),
    );
  });

  it('is, like the entry, a CommonJS file Node runs as it is; the bundles the code cache runs are Node’s module wrapper around their code', () => {
    const wrapper = '(function (exports, require, module, __filename, __dirname) {\n';
    for (const file of ['entry.js', 'nudge.js'])
      expect(readFileSync(join(DIST, file), 'utf8'), file).not.toMatch(/^\(function/);
    const run = readdirSync(DIST).filter((file) => file.endsWith('.js') && file !== 'entry.js' && file !== 'nudge.js');
    expect(run).toEqual(expect.arrayContaining(['cli.js', 'command-week.js', 'prompts.js', 'chrono.js', 'wrap.js']));
    for (const file of run) {
      const text = readFileSync(join(DIST, file), 'utf8');
      expect(text.startsWith(wrapper), file).toBe(true);
      expect(text.trimEnd().endsWith('})'), file).toBe(true);
    }
  });

  it('is reached from a small entry', () => {
    expect(readFileSync(join(DIST, 'entry.js'), 'utf8').length).toBeLessThan(5000);
    expect(readFileSync(join(ROOT, 'bin', 'connect.js'), 'utf8')).toBe(
      "#!/usr/bin/env node\nrequire('../dist/entry.js');\n",
    );
  });
});

describe('one bundle per command (dist/command-<name>.js)', () => {
  const commands = readdirSync(join(ROOT, 'src', 'commands'))
    .map((file) => file.replace(/\.ts$/, ''))
    .filter((name) => name !== 'nudge');

  it('exists for every file in src/commands, each exporting the register function the bundle calls', () => {
    for (const name of commands) {
      expect(existsSync(join(DIST, `command-${name}.js`)), name).toBe(true);
      expect(readFileSync(join(ROOT, 'src', 'commands', `${name}.ts`), 'utf8')).toContain(
        `export const ${registerName(name)}: Register`,
      );
    }
  });

  it('leaves inquirer, chrono-node and wrapping to bundles of their own, loaded only when needed', () => {
    for (const name of commands) {
      const text = readFileSync(join(DIST, `command-${name}.js`), 'utf8');
      expect(text, name).not.toMatch(/node_modules\/(chrono-node|@inquirer|wrap-ansi|string-width)\//);
      expect(
        literalRequires(`command-${name}.js`)
          .filter((dep) => !isBuiltin(dep))
          .sort(),
        name,
      ).toEqual(['./chrono.js', './prompts.js', './wrap.js'].filter((dep) => text.includes(`require("${dep}")`)));
    }
  });

  it('answers --help exactly as the full command line does', () => {
    // Each command's own bundle in a process of its own; the full command line in-process, from the same sources.
    const s = sandbox();
    try {
      for (const name of commands) {
        const env = { PATH: process.env.PATH, NO_COLOR: '1', CONNECT_DB: join(tmpdir(), 'connect-no-journal.db') };
        const own = spawnSync(process.execPath, [BIN, name, '--help'], { env, encoding: 'utf8' });
        const full = s.run([name, '--help'], { env: { NO_COLOR: '1' } });
        expect(own.status, name).toBe(0);
        expect(full.code, name).toBe(0);
        expect(own.stdout, name).toBe(full.stdout);
        expect(own.stdout, name).toContain(`connect ${name}`);
      }
    } finally {
      s.cleanup();
    }
  });
});

describe('running connect nudge', () => {
  let s: Sandbox;
  beforeEach(() => {
    s = sandbox();
  });
  afterEach(() => s.cleanup());

  /** What a run of connect loaded at exit: `files` as Node's module cache has them, `builtins` as Node lists them. */
  function loadedBy(args: string[], status = 0): { files: string[]; builtins: string[] } {
    const hook = join(s.dir, 'record-loads.cjs');
    const record = join(s.dir, 'loaded.json');
    const loaded = '{ files: Object.keys(require.cache), builtins: process.moduleLoadList }';
    writeFileSync(
      hook,
      `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify(${loaded})));\n`,
    );
    const r = spawnSync(process.execPath, ['--require', hook, BIN, ...args], { env: s.env, encoding: 'utf8' });
    expect(r.status).toBe(status);
    const { files, builtins } = JSON.parse(readFileSync(record, 'utf8')) as { files: string[]; builtins: string[] };
    return { files: files.filter((file) => file !== hook).map((file) => relative(ROOT, file)), builtins };
  }
  const filesLoaded = (args: string[], status = 0) => loadedBy(args, status).files;

  it('loads the entry, the nudge bundle and better-sqlite3’s addon — no commander, chalk, date-fns, chrono or inquirer', () => {
    expect(s.run(['log', 'Sam']).code).toBe(0);
    expect(filesLoaded(['nudge', '--force']).sort()).toEqual(
      [
        'bin/connect.js',
        'dist/entry.js',
        'dist/nudge.js',
        'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      ].sort(),
    );
  });

  it('loads even less when it has already spoken: no SQLite at all', () => {
    expect(s.run(['log', 'Sam']).code).toBe(0);
    expect(s.run(['nudge']).stdout).not.toBe('');
    expect(filesLoaded(['nudge']).sort()).toEqual(['bin/connect.js', 'dist/entry.js', 'dist/nudge.js']);
  });

  it('leaves the code cache to the other commands: node:vm is not even loaded', () => {
    expect(s.run(['log', 'Sam']).code).toBe(0);
    expect(loadedBy(['nudge', '--force']).builtins).not.toContain('NativeModule vm');
    expect(loadedBy(['week']).builtins).toContain('NativeModule vm');
  });

  it('hands anything it does not know (--help) to the full command line', () => {
    expect(filesLoaded(['nudge', '--help'])).toContain('dist/cli.js');
  });

  it('sends a command to its own bundle, and anything else to the full command line', () => {
    expect(s.run(['log', 'Sam']).code).toBe(0);
    const addon = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
    expect(filesLoaded(['week']).sort()).toEqual(
      ['bin/connect.js', 'dist/command-week.js', 'dist/entry.js', addon].sort(),
    );
    expect(filesLoaded(['log', 'Ana', '--when', '2026-11-20 18:30'])).not.toContain('dist/chrono.js');
    expect(filesLoaded(['log', 'Ana', '--when', 'yesterday 6pm'])).toContain('dist/chrono.js');
    for (const [args, status] of [
      [['--help'], 0],
      [['wek'], 2],
      [['--db', s.db, 'week'], 0],
    ] as const) {
      const loaded = filesLoaded([...args], status);
      expect(loaded, args.join(' ')).toContain('dist/cli.js');
      expect(
        loaded.filter((file) => file.startsWith('dist/command-')),
        args.join(' '),
      ).toEqual([]);
    }
  });
});

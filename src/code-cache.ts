// Runs a bundle of dist/ through V8's code cache. Compiling a command's bundle (150 KB, and 340 KB for the
// full command line) and the functions a run calls costs more than any other part of a command's start; a
// cache V8 made at the end of an earlier run holds all of that already compiled. The cache lives in the
// user's cache folder (owner-only), one file per bundle, named by the build, V8 version and CPU, so it is
// never used with any other code; V8 refuses it too if anything else differs. It holds compiled code only,
// never anything from the journal, and deleting it only makes the next run compile again.
import {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  type Stats,
} from 'node:fs';
import { join } from 'node:path';
import { Script } from 'node:vm';

/** `$XDG_CACHE_HOME/connect`, else `~/.cache/connect`; none when neither is known. */
export function codeCacheFolder(env: Record<string, string | undefined>): string | undefined {
  const base = env.XDG_CACHE_HOME || (env.HOME && join(env.HOME, '.cache'));
  return base ? join(base, 'connect') : undefined;
}

/** The cache file for `bundle` from this build, on this V8 and CPU. */
export const codeCacheName = (bundle: string, build: string) =>
  `${bundle}-${build}-v8-${process.versions.v8}-${process.arch}.cache`;

/**
 * Where the first run leaves its cache. A run compiles only the functions it calls, and the first run of a command
 * may take a short path through it (a first sync only writes; later ones merge too): the next run, reading this
 * young cache, leaves it again under the cache's own name, holding what both runs compiled. That one is kept.
 */
export const youngCacheName = (name: string) => name.replace(/\.cache$/, '.young.cache');

/** Yours and writable by you alone: compiled code is only ever taken from a file no one else could have put there. */
const yoursAlone = (stats: Stats) =>
  process.getuid === undefined || (stats.uid === process.getuid() && (stats.mode & 0o022) === 0);

/** The cache file's bytes, if it and its folder are yours alone; undefined otherwise or when there is none. */
export function readCache(folder: string, name: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    if (!yoursAlone(statSync(folder))) return undefined;
    fd = openSync(join(folder, name), 'r');
    return yoursAlone(fstatSync(fd)) ? readFileSync(fd) : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A run worth caching: it finished well and was not only asking for help (which compiles little of the command). */
const worthCaching = (code: number) =>
  code === 0 && !process.argv.slice(2).some((arg) => arg === '--help' || arg === '-h');

/** Leaves `data` as the cache for `bundle`, replacing any from other builds; never throws (the cache only saves time). */
export function saveCache(folder: string, bundle: string, name: string, data: Buffer): void {
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    // A folder others can write to is never read from either: nothing to leave there.
    if (!yoursAlone(statSync(folder))) return;
    const temp = join(folder, `${name}.${process.pid}.tmp`);
    writeFileSync(temp, data, { mode: 0o600 });
    renameSync(temp, join(folder, name));
    for (const other of readdirSync(folder)) {
      if (other.startsWith(`${bundle}-`) && other !== name && !other.endsWith('.tmp'))
        rmSync(join(folder, other), { force: true });
    }
  } catch {
    // a read-only home, a full disk: the next run compiles as usual
  }
}

/** The bundles beside it that a bundle loads when needed (inquirer, chrono-node, wrapping): through the cache too. */
const SIBLING = /^\.\/(prompts|chrono|wrap)\.js$/;

/**
 * Runs dist/<bundle>.js as Node would (`require` resolves beside it) and returns its exports, from the code
 * cache when there is a usable one, leaving a fresh cache at exit when there was none (or only a young one).
 */
export function runBundle(
  dir: string,
  bundle: string,
  build: string,
  env: Record<string, string | undefined>,
  parent: NodeJS.Module,
): unknown {
  const file = join(dir, `${bundle}.js`);
  const loaded = require.cache[file];
  if (loaded) return loaded.exports;
  const folder = codeCacheFolder(env);
  const name = codeCacheName(bundle, build);
  const grown = folder ? readCache(folder, name) : undefined;
  const cachedData = grown ?? (folder ? readCache(folder, youngCacheName(name)) : undefined);
  // The build writes each bundle as Node's module wrapper around its code, a function expression: compiled as it is
  // read, with no wrapped copy of its 200 KB made first.
  const script = new Script(readFileSync(file, 'utf8'), { filename: file, cachedData });
  if (folder && (!grown || script.cachedDataRejected)) {
    // A young cache V8 took grows into the kept one; without a usable cache, this run leaves a young one.
    const leave = cachedData && !script.cachedDataRejected ? name : youngCacheName(name);
    process.once('exit', (code) => {
      if (worthCaching(code)) saveCache(folder, bundle, leave, script.createCachedData());
    });
  }
  // The class of the module that asks (Node's own Module): taking it from there spares loading node:module,
  // which brings in the ES module loader and source maps.
  const ModuleClass = parent.constructor as new (id: string, parent: NodeJS.Module) => NodeJS.Module;
  const module = new ModuleClass(file, parent);
  module.filename = file;
  module.paths = parent.paths;
  module.loaded = true;
  require.cache[file] = module;
  const load = (id: string) => {
    const sibling = SIBLING.exec(id);
    return sibling ? runBundle(dir, sibling[1], build, env, parent) : require(id);
  };
  const bundleRequire = Object.assign(load, {
    resolve: require.resolve,
    cache: require.cache,
    main: require.main,
    extensions: require.extensions,
  });
  (script.runInThisContext() as (...args: unknown[]) => void).call(
    module.exports,
    module.exports,
    bundleRequire,
    module,
    file,
    dir,
  );
  return module.exports;
}

import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Where an installed connect keeps better-sqlite3's addon: its own node_modules, beside dist/. */
export const addonBeside = (dist: string) =>
  join(dist, '..', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');

/**
 * The path of better-sqlite3's compiled addon. Handing it to the constructor skips the `bindings`
 * package's search of a dozen folders at every start. Node's own search would find the copy beside dist/
 * first, so that one is taken when it is there (one stat: the search costs a fifth of a millisecond at every
 * start, the nudge's too); else the bundles' own `require` resolves it (no node:module to load), as where
 * better-sqlite3 is installed higher up. Where neither finds it (tests running the sources), better-sqlite3
 * searches itself.
 */
export function nativeBindingPath(): string | undefined {
  const beside = addonBeside(__dirname);
  if (existsSync(beside)) return beside;
  try {
    return require.resolve('better-sqlite3/build/Release/better_sqlite3.node');
  } catch {
    return undefined;
  }
}

/**
 * The path of better-sqlite3's compiled addon. Handing it to the constructor skips the `bindings`
 * package's search of a dozen folders at every start. The bundles' own `require` resolves it (no
 * node:module to load); where there is none (tests running the sources), better-sqlite3 searches itself.
 */
export function nativeBindingPath(): string | undefined {
  try {
    return require.resolve('better-sqlite3/build/Release/better_sqlite3.node');
  } catch {
    return undefined;
  }
}

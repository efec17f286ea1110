import { createRequire } from 'node:module';

/**
 * The path of better-sqlite3's compiled addon. Handing it to the constructor skips the `bindings`
 * package's search of a dozen folders at every start.
 */
export function nativeBindingPath(): string | undefined {
  try {
    const require = createRequire(__filename);
    return require.resolve('better-sqlite3/build/Release/better_sqlite3.node');
  } catch {
    return undefined;
  }
}

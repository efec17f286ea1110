import type { BuildOptions, Plugin } from 'esbuild';

/** The esbuild options for dist/nudge.js (see nudge-bundle.mjs). */
export declare const nudgeBundle: BuildOptions & { entryPoints: Record<string, string> };

/** The esbuild options every bundle of connect shares. */
export declare const baseOptions: BuildOptions;

/** better-sqlite3's `bindings` search replaced by an error: connect always passes nativeBinding. */
export declare const noBindingsSearch: Plugin;

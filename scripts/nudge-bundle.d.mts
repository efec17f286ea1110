import type { BuildOptions } from 'esbuild';

/** The esbuild options for dist/nudge.js (see nudge-bundle.mjs). */
export declare const nudgeBundle: BuildOptions & { entryPoints: Record<string, string> };

/** The esbuild options every bundle of connect shares. */
export declare const baseOptions: BuildOptions;

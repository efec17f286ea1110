import type { Plugin } from 'esbuild';

/** "shell-init" → "registerShellInit": what src/commands/<name>.ts exports. */
export declare function registerName(name: string): string;

/** The per-command bundles' names, esbuild entry points and plugins (see command-bundles.mjs). */
export declare function commandBundles(files: string[]): {
  names: string[];
  entryPoints: Record<string, string>;
  plugins: Plugin[];
};

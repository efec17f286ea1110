// The esbuild options for dist/nudge.js, the shell start-up path. Shared by scripts/build.mjs and the
// build test, which checks that nothing beyond Node's built-ins and better-sqlite3 gets in.

/** better-sqlite3 only asks `bindings` to find its addon when no nativeBinding path is given; ours always is. */
export const noBindingsSearch = {
  name: 'no-bindings-search',
  setup(build) {
    build.onResolve({ filter: /^bindings$/ }, () => ({ path: 'bindings', namespace: 'connect-stub' }));
    build.onLoad({ filter: /.*/, namespace: 'connect-stub' }, () => ({
      contents: "module.exports = () => { throw new Error('connect passes better-sqlite3 its nativeBinding'); };",
      loader: 'js',
    }));
  },
};

/** What every bundle of connect shares: one CommonJS file per entry for Node 20, in dist/. */
export const baseOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outdir: 'dist',
  logLevel: 'warning',
  legalComments: 'none',
};

export const nudgeBundle = {
  ...baseOptions,
  entryPoints: { nudge: 'src/nudge/index.ts' },
  minify: true,
  // Not external: better-sqlite3's JavaScript is bundled in, so no module search happens at start-up. What the
  // nudge does not answer (--help) it leaves to entry.js, which runs the full command line.
  plugins: [noBindingsSearch],
};

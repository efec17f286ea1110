// Bundles src/ into dist/ with esbuild. Three bundles keep start-up cheap:
// entry.js (a tiny dispatcher), nudge.js (better-sqlite3 only) and cli.js (everything else);
// prompts.js holds inquirer so that only interactive runs pay for it.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { baseOptions, nudgeBundle } from './nudge-bundle.mjs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const common = {
  ...baseOptions,
  define: { CONNECT_VERSION: JSON.stringify(version) },
  // better-sqlite3's JavaScript is bundled too (its addon comes by nativeBinding): no module search at start.
  external: ['./cli.js', './nudge.js', './prompts.js'],
  // Less to read and parse at every start; names are kept, so CONNECT_DEBUG stack traces still read.
  minifyWhitespace: true,
  minifySyntax: true,
};

await build({
  ...common,
  entryPoints: {
    entry: 'src/entry.ts',
    cli: 'src/cli.ts',
    prompts: 'src/prompts.ts',
  },
});

await build(nudgeBundle);

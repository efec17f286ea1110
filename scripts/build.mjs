// Bundles src/ into dist/ with esbuild, as small CommonJS bundles so that each run reads and compiles
// little: entry.js (a tiny dispatcher), nudge.js (better-sqlite3 only), command-<name>.js (commander,
// the journal and one command), cli.js (every command: help, typos, options before the command), and three
// loaded only when needed: prompts.js (inquirer, when connect asks questions), chrono.js (chrono-node, when a
// date is written in plain English) and wrap.js (wrap-ansi and string-width, when text goes to a terminal).
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { baseOptions, noBindingsSearch, nudgeBundle } from './nudge-bundle.mjs';
import { commandBundles } from './command-bundles.mjs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const { names, entryPoints, plugins } = commandBundles(readdirSync(new URL('../src/commands', import.meta.url)));

/** chrono-node builds its grammar when loaded and is 100 KB: its own bundle, required only for plain-English dates. */
const chronoApart = {
  name: 'chrono-apart',
  setup(build) {
    build.onResolve({ filter: /^chrono-node\/en$/ }, (args) =>
      args.kind === 'entry-point' ? undefined : { path: './chrono.js', external: true },
    );
  },
};

/** connect works out the colour level itself (render/color.ts) and always hands it to chalk, so chalk's own
 * detection, which loads tty and os at start, is left out. */
const colourDecidedByConnect = {
  name: 'colour-decided-by-connect',
  setup(build) {
    build.onResolve({ filter: /^#supports-color$/ }, () => ({ path: 'supports-color', namespace: 'connect-stub' }));
    build.onLoad({ filter: /.*/, namespace: 'connect-stub' }, () => ({
      contents: 'export default { stdout: false, stderr: false };',
      loader: 'js',
    }));
  },
};

/** What Node's own module wrapper passes a CommonJS module, in its order: runBundle passes the same. */
const MODULE_PARAMETERS = 'exports, require, module, __filename, __dirname';

const common = {
  ...baseOptions,
  define: { CONNECT_VERSION: JSON.stringify(version), CONNECT_COMMANDS: JSON.stringify(names) },
  // better-sqlite3's JavaScript is bundled too (its addon comes by nativeBinding): no module search at start.
  external: ['./cli.js', './nudge.js', './prompts.js', './chrono.js', './wrap.js'],
  // Less to read and parse at every start; names are kept, so CONNECT_DEBUG stack traces still read.
  minifyWhitespace: true,
  minifySyntax: true,
  plugins: [...plugins, noBindingsSearch, chronoApart, colourDecidedByConnect],
};

const bundles = await build({
  ...common,
  // Each is written as Node's module wrapper around its code, a function expression that src/code-cache.ts compiles
  // as read, instead of joining the wrapper to a copy of the file at every run.
  banner: { js: `(function (${MODULE_PARAMETERS}) {` },
  footer: { js: '})' },
  entryPoints: {
    cli: 'src/main.ts',
    prompts: 'src/prompts.ts',
    chrono: 'chrono-node/en',
    wrap: 'src/render/wrap.ts',
    ...entryPoints,
  },
  metafile: true,
});

await build(nudgeBundle);

// Built last: it carries a hash of the bundles it runs through the code cache (src/code-cache.ts).
const hash = createHash('sha256');
for (const file of Object.keys(bundles.metafile.outputs).sort()) hash.update(file).update(readFileSync(file));
await build({
  ...common,
  entryPoints: { entry: 'src/entry.ts' },
  define: { ...common.define, CONNECT_BUILD: JSON.stringify(hash.digest('hex').slice(0, 16)) },
});

// Picks the smallest bundle that can serve this run: the shell start-up nudge, one command's own bundle
// (dist/command-<name>.js: commander, the journal and that command only), or the full command line. The
// nudge is required as it is (it must load next to nothing); the others run through V8's code cache.
declare const CONNECT_COMMANDS: string[];
/** A hash of this build's bundles: a code cache is only ever used with the code it was made from. */
declare const CONNECT_BUILD: string;

const name = process.argv[2];
// What the nudge does not understand (--help, a typo) goes on to the full command line.
const nudged = name === 'nudge' && (require('./nudge.js') as { handled: boolean }).handled;
if (!nudged) {
  const { runBundle } = require('./code-cache') as typeof import('./code-cache');
  // `completion bash|zsh|fish` reads the whole command tree, so only its --names path (at each Tab) has a bundle of its own.
  const own = CONNECT_COMMANDS.includes(name) && (name !== 'completion' || process.argv.includes('--names'));
  runBundle(__dirname, own ? `command-${name}` : 'cli', CONNECT_BUILD, process.env, module);
}

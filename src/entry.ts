// Picks the smallest bundle that can serve this run: the shell start-up nudge, one command's own bundle
// (dist/command-<name>.js: commander, the journal and that command only), or the full command line.
declare const CONNECT_COMMANDS: string[];

const name = process.argv[2];
const bundle = name === 'nudge' ? './nudge.js' : CONNECT_COMMANDS.includes(name) ? `./command-${name}.js` : './cli.js';
require(bundle);

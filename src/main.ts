// The full command line (dist/cli.js): every command, for --help, `connect help`, typos and anything that
// dist/entry.js does not send straight to a command's own bundle.
import { ALL_COMMANDS } from './all-commands';
import { run } from './cli';

void run(ALL_COMMANDS);

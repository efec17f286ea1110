import type { Prompts, Wrap } from './context';
import { runConnect } from './execute';
import { allWritten, isTerminal, terminalColumns, writeOut } from './output';
import type { Register } from './program';

/**
 * The one place that touches the process: argv, env, streams and the exit code. `commands` is every command
 * (dist/cli.js) or the single one a per-command bundle carries (dist/command-<name>.js).
 */
export async function run(commands: readonly Register[]): Promise<void> {
  process.exitCode = await runConnect(
    process.argv.slice(2),
    process.env,
    {
      stdout: {
        write: (text) => writeOut(1, text),
        isTTY: () => isTerminal(1),
        columns: () => terminalColumns(process.env),
      },
      stderr: { write: (text) => writeOut(2, text), isTTY: () => isTerminal(2) },
      stdinIsTTY: () => isTerminal(0),
      // Inquirer is its own bundle: only runs that ask questions pay for loading it.
      loadPrompts: () => require('./prompts.js') as Prompts,
      // string-width sets up Intl.Segmenter when loaded (tens of milliseconds): only runs printing to a terminal pay.
      loadWrap: () => require('./wrap.js') as Wrap,
    },
    commands,
  );
  // All is written and the journal closed: end now, rather than wait while Node takes down the whole heap piece
  // by piece (a few milliseconds on every run). 'exit' listeners still run. Output still on its way in Node's
  // stream (a full pipe) is left to drain first.
  if (allWritten()) process.exit();
}

// A worker thread that runs connect in-process for tests that ask synchronously (test/support/sync-run.ts):
// the real program, commands and journal, with the run's own environment, time zone and captured output.
import { type MessagePort, workerData } from 'node:worker_threads';
import { ALL_COMMANDS } from '../../src/all-commands';
import { runConnect } from '../../src/execute';

interface Request {
  run: number;
  args: string[];
  env: Record<string, string>;
}

const { port, answered } = workerData as { port: MessagePort; answered: Int32Array };

port.on('message', async ({ run, args, env }: Request) => {
  let stdout = '';
  let stderr = '';
  let code: number;
  // The worker shares the process's environment (SHARE_ENV), where assigning TZ makes Node re-read the zone;
  // the one the tests' own thread uses is put back before it wakes.
  const zone = process.env.TZ;
  process.env.TZ = env.TZ ?? 'UTC';
  try {
    code = await runConnect(
      args,
      env,
      {
        stdout: {
          write: (text) => {
            stdout += text;
          },
          isTTY: () => false,
        },
        stderr: {
          write: (text) => {
            stderr += text;
          },
          isTTY: () => false,
        },
        stdinIsTTY: () => false,
        loadPrompts: () => {
          throw new Error('no questions in an in-process run: test them through tmux');
        },
        // Output here is never a terminal, so nothing is wrapped.
        loadWrap: () => {
          throw new Error('no terminal in an in-process run: test width through test/support/in-process.ts');
        },
      },
      ALL_COMMANDS,
    );
  } catch (error) {
    code = -1;
    stderr += `host: ${(error as Error).stack}\n`;
  } finally {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  }
  port.postMessage({ run, code, stdout, stderr });
  Atomics.store(answered, 0, run);
  Atomics.notify(answered, 0);
});

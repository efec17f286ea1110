// Runs connect in-process but synchronously, for tests written against the real binary's synchronous runner:
// a worker thread (command-host, bundled by the global setup) runs it while this thread waits.
import { MessageChannel, type MessagePort, receiveMessageOnPort, SHARE_ENV, Worker } from 'node:worker_threads';
import { inject } from 'vitest';

/** How long one command may take before its run is given up and the host replaced. */
const LIMIT_MS = 60_000;

interface Host {
  worker: Worker;
  port: MessagePort;
  /** The number of the last run the host has answered: it stores it, then wakes this thread. */
  answered: Int32Array;
  /** The number of the last run asked for. */
  asked: number;
}

let host: Host | undefined;

function start(): Host {
  const { port1, port2 } = new MessageChannel();
  const answered = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(inject('hostBundle'), {
    env: SHARE_ENV,
    workerData: { port: port2, answered },
    transferList: [port2],
  });
  worker.unref();
  port1.unref();
  return { worker, port: port1, answered, asked: 0 };
}

/**
 * `connect ARGS` with this environment (CONNECT_DB, CONNECT_NOW, TZ…), run in-process; waits for the result.
 * Each run is numbered and its answer carries the number, so one run's answer is never taken for another's; a
 * run that does not answer in time fails alone, and the next run starts a new host.
 */
export function runSync(args: string[], env: Record<string, string>): { code: number; stdout: string; stderr: string } {
  host ??= start();
  const current = host;
  const run = ++current.asked;
  current.port.postMessage({ run, args, env });
  const deadline = Date.now() + LIMIT_MS;
  for (;;) {
    const reply = receiveMessageOnPort(current.port)?.message as
      | { run: number; code: number; stdout: string; stderr: string }
      | undefined;
    if (reply?.run === run) return { code: reply.code, stdout: reply.stdout, stderr: reply.stderr };
    if (reply) throw new Error(`the command host answered run ${reply.run} while run ${run} waited`);
    const left = deadline - Date.now();
    if (left <= 0) {
      host = undefined;
      void current.worker.terminate();
      throw new Error(`connect ${args.join(' ')} did not finish in ${LIMIT_MS / 1000} s`);
    }
    // Sleeps until the host stores this run's number; if it has, its answer is a moment from the port.
    if (Atomics.load(current.answered, 0) === run) Atomics.wait(current.answered, 0, run, 1);
    else Atomics.wait(current.answered, 0, run - 1, left);
  }
}

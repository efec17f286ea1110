// Runs connect in-process but synchronously, for tests written against the real binary's synchronous runner:
// a worker thread (command-host, bundled by the global setup) runs it while this thread waits.
import { join } from 'node:path';
import { MessageChannel, type MessagePort, receiveMessageOnPort, SHARE_ENV, Worker } from 'node:worker_threads';

export const HOST_BUNDLE = join(__dirname, '..', '..', 'node_modules', '.cache', 'connect-tests', 'command-host.cjs');

let host: { worker: Worker; port: MessagePort; signal: Int32Array } | undefined;

function start() {
  const { port1, port2 } = new MessageChannel();
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(HOST_BUNDLE, {
    env: SHARE_ENV,
    workerData: { port: port2, signal },
    transferList: [port2],
  });
  worker.unref();
  port1.unref();
  return { worker, port: port1, signal };
}

/** `connect ARGS` with this environment (CONNECT_DB, CONNECT_NOW, TZ…), run in-process; waits for the result. */
export function runSync(args: string[], env: Record<string, string>): { code: number; stdout: string; stderr: string } {
  host ??= start();
  Atomics.store(host.signal, 0, 0);
  host.port.postMessage({ args, env });
  if (Atomics.wait(host.signal, 0, 0, 60_000) === 'timed-out')
    throw new Error(`connect ${args.join(' ')} did not finish in 60 s`);
  const reply = receiveMessageOnPort(host.port);
  if (!reply) throw new Error('the command host did not answer');
  return reply.message;
}

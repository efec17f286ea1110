// `npm test`: the type check, the formatter and linter, then every test; each step's time and the whole
// suite's wall time are printed at the end. Stops at the first step that fails, with its exit code.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const steps = [
  ['typecheck', bin('tsc'), ['--noEmit']],
  ['format and lint', bin('biome'), ['check', '.']],
  ['tests', bin('vitest'), ['run', ...process.argv.slice(2)]],
];

const started = Date.now();
const took = [];
for (const [name, command, args] of steps) {
  const t0 = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  took.push(`${name} ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  if (result.status !== 0) {
    process.stderr.write(`\nnpm test: ${name} did not pass (${took.join(', ')}).\n`);
    process.exit(result.status ?? 1);
  }
}
process.stdout.write(`\nnpm test: ${((Date.now() - started) / 1000).toFixed(1)} s in all (${took.join(', ')}).\n`);

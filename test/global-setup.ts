// Builds dist/ once before any test, so the real-binary tests never run code older than src/, and the command
// host that runs connect in-process for the synchronous tests (test/support/sync-run.ts).
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HOST_BUNDLE } from './support/sync-run';

export default async function setup(): Promise<void> {
  execFileSync(process.execPath, [join(__dirname, '..', 'scripts', 'build.mjs')], { stdio: 'inherit' });
  await build({
    entryPoints: [join(__dirname, 'support', 'command-host.ts')],
    outfile: HOST_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['better-sqlite3'],
    logLevel: 'warning',
    define: {
      CONNECT_VERSION: JSON.stringify(JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')).version),
    },
  });
}

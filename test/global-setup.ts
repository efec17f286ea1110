// Builds dist/ once before any test, so the real-binary tests never run code older than src/, and the command
// host that runs connect in-process for the synchronous tests (test/support/sync-run.ts). The host is built into
// a folder of this run's own: a run nested in this one (the fresh-clone test shares node_modules) builds its own
// and never rewrites the file this run's workers load.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The bundled command host (test/support/command-host.ts) this run's in-process tests start. */
    hostBundle: string;
  }
}

export default async function setup({ provide }: TestProject): Promise<() => void> {
  execFileSync(process.execPath, [join(__dirname, '..', 'scripts', 'build.mjs')], { stdio: 'inherit' });
  // Under node_modules, so the bundle's require('better-sqlite3') finds the checkout's own.
  const cache = join(__dirname, '..', 'node_modules', '.cache', 'connect-tests');
  mkdirSync(cache, { recursive: true });
  const folder = mkdtempSync(join(cache, 'run-'));
  const hostBundle = join(folder, 'command-host.cjs');
  await build({
    entryPoints: [join(__dirname, 'support', 'command-host.ts')],
    outfile: hostBundle,
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
  provide('hostBundle', hostBundle);
  return () => rmSync(folder, { recursive: true, force: true });
}

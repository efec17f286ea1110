// What a new user does: clone into a folder named `connect` (here inside a folder only its owner can enter) and
// run the tests. The tests that once depended on the folder they ran in run again from such a copy: an interactive
// shell started from it (for each shell there is), a shell's complaints sifted for connect's own, and a read-only
// journal (written as another user when the suite runs as root, who must then be able to reach the program).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { onPath } from './run';

const ROOT = join(__dirname, '..', '..');
const files = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
  cwd: ROOT,
  encoding: 'utf8',
});
const inGit = files.status === 0;
const FOLDER_BOUND = [
  'prints the nudge the first time, then nothing',
  'a failing connect never breaks the shell',
  'says so, exit 1, when the journal cannot be written',
];
const parent = mkdtempSync(join(tmpdir(), 'owner-only-'));
afterAll(() => rmSync(parent, { recursive: true, force: true }));

describe('a clone in a folder named connect, inside a folder only its owner can enter', () => {
  it.skipIf(!inGit)(
    'passes the tests that depend on the folder connect runs from',
    () => {
      const clone = join(parent, 'connect');
      for (const file of files.stdout.split('\0').filter(Boolean)) {
        mkdirSync(dirname(join(clone, file)), { recursive: true });
        cpSync(join(ROOT, file), join(clone, file));
      }
      symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'));
      // Only what a user's shell would have: none of this run's own vitest settings.
      const env = Object.fromEntries(
        Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_ENV'),
      );
      const r = spawnSync(
        process.execPath,
        [
          'node_modules/vitest/vitest.mjs',
          'run',
          'test/e2e/shell-init.test.ts',
          'test/e2e/safety.test.ts',
          '-t',
          FOLDER_BOUND.join('|'),
        ],
        {
          cwd: clone,
          env,
          encoding: 'utf8',
          timeout: 240_000,
        },
      );
      expect(r.stdout + r.stderr).toMatch(/Test Files\s.*passed/);
      // Two tests for each shell there is, and the read-only journal's: none left out by a renamed test.
      const shells = ['bash', 'zsh', 'fish'].filter(onPath).length;
      expect(r.stdout.replace(/\x1b\[[0-9;]*m/g, '')).toMatch(new RegExp(`Tests\\s+${2 * shells + 1} passed`));
      expect(r.status, r.stdout + r.stderr).toBe(0);
    },
    300_000,
  );
});

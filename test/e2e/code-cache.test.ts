import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from './run';

let s: Sandbox;
let folder: string;
beforeEach(() => {
  // The real binary: what runs at shell start, and the code cache, are only there in a process of its own.
  s = sandbox({ real: true });
  folder = join(s.env.XDG_CACHE_HOME, 'connect');
});
afterEach(() => s.cleanup());

const cacheFiles = () => (existsSync(folder) ? readdirSync(folder).sort() : []);
const mode = (path: string) => statSync(path).mode & 0o777;

describe('the code cache', () => {
  it('is left after a command’s first run, owner-only, and the next run answers the same from it', () => {
    const first = s.run(['log', 'Sam', '--after', '4', '--json']);
    expect(first.code).toBe(0);
    const [file, ...others] = cacheFiles();
    expect(others).toEqual([]);
    expect(file).toMatch(/^command-log-[0-9a-f]{16}-v8-.+\.young\.cache$/);
    expect(mode(folder)).toBe(0o700);
    expect(mode(join(folder, file))).toBe(0o600);

    const again = s.run(['week', '--json']);
    const cached = s.run(['week', '--json']);
    expect(cached.code).toBe(0);
    expect(cached.stdout).toBe(again.stdout);
    expect(cacheFiles()).toHaveLength(2);
    // The second run leaves the young cache again, with what it compiled besides, under the kept name.
    const second = s.run(['log', 'Ana', '--json']);
    expect(second.code).toBe(0);
    const grown = file.replace(/\.young\.cache$/, '.cache');
    expect(cacheFiles().filter((name) => name.startsWith('command-log-'))).toEqual([grown]);
    expect(mode(join(folder, grown))).toBe(0o600);
    const made = statSync(join(folder, grown)).mtimeMs;
    // A kept cache V8 accepted is not written again.
    expect(s.run(['log', 'Ana']).code).toBe(0);
    expect(statSync(join(folder, grown)).mtimeMs).toBe(made);
  });

  it('serves the bundles a command loads when needed (chrono-node for plain-English dates) the same way', () => {
    const first = s.run(['log', 'Sam', '--when', 'yesterday 6pm', '--json']);
    expect(first.code).toBe(0);
    expect(cacheFiles().map((file) => file.split('-')[0])).toEqual(['chrono', 'command']);
    const cached = s.run(['log', 'Sam', '--when', 'yesterday 6pm', '--json']);
    expect(cached.code).toBe(0);
    expect(cached.json().at).toBe(first.json().at);
    expect(first.json().at).toBe('2026-11-25T18:00:00+01:00');
  });

  it('holds compiled code only: nothing of the journal is in it', () => {
    expect(s.run(['log', 'Zebedee-Quince', '--note', 'a-very-private-sentence']).code).toBe(0);
    expect(s.run(['log', 'Zebedee-Quince']).code).toBe(0);
    for (const file of cacheFiles()) {
      const bytes = readFileSync(join(folder, file)).toString('latin1');
      expect(bytes).not.toContain('Zebedee');
      expect(bytes).not.toContain('a-very-private-sentence');
    }
  });

  it('is made from a run that did its work: not from --help, not from a refused command', () => {
    expect(s.run(['log', '--help']).code).toBe(0);
    expect(s.run(['log', 'Sam', '--after', '9']).code).toBe(2);
    expect(s.run(['--help']).code).toBe(0);
    expect(cacheFiles()).toEqual([]);
    expect(s.run(['log', 'Sam']).code).toBe(0);
    expect(cacheFiles()).toHaveLength(1);
  });

  it('replaces a damaged cache, and one from another build, without a word', () => {
    expect(s.run(['log', 'Sam']).code).toBe(0);
    const [file] = cacheFiles();
    writeFileSync(join(folder, file), 'not a code cache at all');
    const stale = file.replace(/command-log-[0-9a-f]{16}/, 'command-log-0000000000000000');
    writeFileSync(join(folder, stale), 'from an older connect');
    const r = s.run(['log', 'Ana', '--after', '4']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Logged time together with Ana — mood after 4.');
    expect(cacheFiles()).toEqual([file]);
    expect(readFileSync(join(folder, file)).length).toBeGreaterThan(10_000);
  });

  it.skipIf(process.getuid?.() === 0)('changes nothing for a run when the cache folder cannot be written', () => {
    mkdirSync(folder, { recursive: true });
    chmodSync(folder, 0o500);
    const r = s.run(['log', 'Sam', '--after', '4']);
    chmodSync(folder, 0o700);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(cacheFiles()).toEqual([]);
  });

  it('changes nothing for a run when the cache folder is a file', () => {
    mkdirSync(s.env.XDG_CACHE_HOME, { recursive: true });
    writeFileSync(folder, '');
    const r = s.run(['log', 'Sam', '--after', '4']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Logged time together with Sam — mood after 4.');
  });

  it('is never made or read by the nudge', () => {
    expect(s.run(['log', 'Sam']).code).toBe(0);
    const before = cacheFiles();
    expect(s.run(['nudge', '--force']).code).toBe(0);
    expect(cacheFiles()).toEqual(before);
  });

  it('falls back to ~/.cache without XDG_CACHE_HOME', () => {
    expect(s.run(['log', 'Sam'], { env: { XDG_CACHE_HOME: undefined } }).code).toBe(0);
    expect(readdirSync(join(s.env.HOME, '.cache', 'connect'))).toHaveLength(1);
    expect(cacheFiles()).toEqual([]);
  });
});

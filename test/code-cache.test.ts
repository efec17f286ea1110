import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codeCacheFolder, codeCacheName, readCache, saveCache, youngCacheName } from '../src/code-cache';

let dir: string;
let folder: string;
const name = codeCacheName('command-log', '0123456789abcdef');
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'connect-code-cache-'));
  folder = join(dir, 'connect');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('where the code cache lives', () => {
  it('is $XDG_CACHE_HOME/connect, else ~/.cache/connect, else nowhere', () => {
    expect(codeCacheFolder({ XDG_CACHE_HOME: '/x/cache', HOME: '/home/u' })).toBe('/x/cache/connect');
    expect(codeCacheFolder({ XDG_CACHE_HOME: '', HOME: '/home/u' })).toBe('/home/u/.cache/connect');
    expect(codeCacheFolder({})).toBeUndefined();
  });

  it('is named by bundle, build, V8 version and CPU', () => {
    expect(name).toBe(`command-log-0123456789abcdef-v8-${process.versions.v8}-${process.arch}.cache`);
    expect(youngCacheName(name)).toBe(
      `command-log-0123456789abcdef-v8-${process.versions.v8}-${process.arch}.young.cache`,
    );
  });
});

describe('reading and keeping a code cache', () => {
  it('keeps a file owner-only in an owner-only folder, and reads it back', () => {
    saveCache(folder, 'command-log', name, Buffer.from('compiled'));
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    expect(statSync(join(folder, name)).mode & 0o777).toBe(0o600);
    expect(readCache(folder, name)?.toString()).toBe('compiled');
    expect(readdirSync(folder)).toEqual([name]);
  });

  it('replaces the same bundle’s caches from other builds and leaves other bundles’ alone', () => {
    mkdirSync(folder, { mode: 0o700 });
    const older = codeCacheName('command-log', 'ffffffffffffffff');
    const week = codeCacheName('command-week', 'ffffffffffffffff');
    writeFileSync(join(folder, older), 'old');
    writeFileSync(join(folder, week), 'week');
    saveCache(folder, 'command-log', name, Buffer.from('compiled'));
    expect(readdirSync(folder).sort()).toEqual([name, week].sort());
  });

  it('never takes compiled code from a file or folder others could have written', () => {
    saveCache(folder, 'command-log', name, Buffer.from('compiled'));
    chmodSync(join(folder, name), 0o620);
    expect(readCache(folder, name)).toBeUndefined();
    chmodSync(join(folder, name), 0o602);
    expect(readCache(folder, name)).toBeUndefined();
    chmodSync(join(folder, name), 0o600);
    expect(readCache(folder, name)?.toString()).toBe('compiled');
    chmodSync(folder, 0o777);
    expect(readCache(folder, name)).toBeUndefined();
    // ... and leaves nothing there either.
    saveCache(folder, 'command-log', name, Buffer.from('newer'));
    chmodSync(folder, 0o700);
    expect(readCache(folder, name)?.toString()).toBe('compiled');
  });

  it('follows a link only to a folder that is yours alone', () => {
    const shared = join(dir, 'shared');
    mkdirSync(shared, { mode: 0o777 });
    chmodSync(shared, 0o777);
    symlinkSync(shared, folder);
    saveCache(folder, 'command-log', name, Buffer.from('compiled'));
    expect(readdirSync(shared)).toEqual([]);
    expect(readCache(folder, name)).toBeUndefined();
  });

  it('reads nothing when there is nothing, and never throws', () => {
    expect(readCache(folder, name)).toBeUndefined();
    writeFileSync(join(dir, 'file'), '');
    expect(() => saveCache(join(dir, 'file'), 'command-log', name, Buffer.from('x'))).not.toThrow();
    expect(readCache(join(dir, 'file'), name)).toBeUndefined();
  });
});

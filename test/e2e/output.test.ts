import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, sandbox, type Sandbox } from './run';

/** A Daylio export of `days` days with one mood and a note each: a journal with plenty to print. */
function daylioExport(days: number): string {
  const rows = ['full_date,date,weekday,time,mood,activities,note_title,note'];
  for (let i = 0; i < days; i++) {
    const day = new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    rows.push(`${day},,,6:30 pm,good,friends | walk,,A slow walk and a long talk on day ${i}`);
  }
  return `${rows.join('\n')}\n`;
}

describe('writing output', () => {
  let s: Sandbox;
  beforeAll(() => {
    s = sandbox();
    const file = join(s.dir, 'daylio.csv');
    writeFileSync(file, daylioExport(700));
    expect(s.run(['import', file, '--from', 'daylio']).code).toBe(0);
  });
  afterAll(() => s.cleanup());

  it('stops quietly when the reader goes away (connect export --format markdown | head -n 1)', () => {
    const r = spawnSync(
      'bash',
      ['-o', 'pipefail', '-c', `"${process.execPath}" "${BIN}" export --format markdown | head -n 1`],
      { env: s.env, encoding: 'utf8' },
    );
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('hands a slow reader everything, in order, however much there is', async () => {
    const full = s.run(['export', '--format', 'json']);
    expect(full.code).toBe(0);
    expect(full.stdout.length).toBeGreaterThan(256 * 1024);
    const { command, args, env } = s.spawnArgs(['export', '--format', 'json']);
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    // Nothing is read for a while, so the pipe fills and the writer has to wait.
    child.stdout.pause();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stdout.resume();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(full.stdout);
  });

  it('hands everything to a slow reader whose pipe will not wait (non-blocking: EAGAIN), then ends', () => {
    const full = s.run(['export', '--format', 'json']).stdout;
    // Python makes the pipe non-blocking, as some shells and terminals leave it, and starts reading late.
    const reader = [
      'import os, subprocess, sys, time',
      'r, w = os.pipe()',
      'os.set_blocking(w, False)',
      'child = subprocess.Popen(sys.argv[1:], stdout=w)',
      'os.close(w)',
      'time.sleep(0.3)',
      'chunks = []',
      'while True:',
      '    chunk = os.read(r, 65536)',
      '    if not chunk: break',
      '    chunks.append(chunk)',
      'sys.stdout.buffer.write(b"".join(chunks))',
      'sys.exit(child.wait())',
    ].join('\n');
    const r = spawnSync('python3', ['-c', reader, process.execPath, BIN, 'export', '--format', 'json'], {
      env: s.env,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(full);
  });
});

// npm run bench: how long connect makes you wait, measured against bare `node -e 0` in the same run.
// Builds (once, cached in node_modules/.cache/connect-bench) a small journal, a ten-year one and a
// million-row one through the real migrations, then times whole processes, alternating each command
// with bare node so that drift on a busy machine hits both alike (the warm-up rounds leave connect's code cache,
// as a user's first run does). Prints a markdown table.
// BENCH_ROUNDS=N sets the rounds (default 20; the slow rows that move a whole journal take at most 3); BENCH_ONLY=TEXT times only the rows whose command or journal contains TEXT.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { medianOf, summarise } from './bench-stats.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'connect.js');
const CACHE = join(ROOT, 'node_modules', '.cache', 'connect-bench');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const ONLY = process.env.BENCH_ONLY ?? '';
const WARMUP = 2;
const NOW = '2026-11-26T10:00:00Z';
const TZ = 'Europe/Berlin';

const JOURNALS = {
  small: { label: '1k rows', spec: { years: 1, interactions: 800, moods: 200, people: 15 }, touchpoints: 3 },
  tenYear: {
    label: '10 years',
    spec: { years: 10, interactions: 20_000, moods: 4_000, people: 60, checkins: 260 },
    touchpoints: 12,
  },
  million: {
    label: '1M rows',
    spec: { years: 10, interactions: 850_000, moods: 150_000, people: 60, checkins: 520 },
    touchpoints: 12,
  },
};

const TOUCHPOINTS = [
  ['Sunday call', 'week on sunday', 'call'],
  ['Coffee walk', '2 weeks', 'in-person'],
  ['Book club', 'month on the first tuesday', 'in-person'],
  ['Voice message', '4 days', 'voice-message'],
  ['Video catch-up', 'month', 'video'],
  ['Climbing', 'week on wednesday', 'in-person'],
  ['Dinner', '3 weeks', 'in-person'],
  ['Check-in text', 'week', 'text'],
  ['Volunteering', 'month on the last saturday', 'in-person'],
  ['Board games', '2 weeks on friday', 'in-person'],
  ['Long call', 'month on the 15th', 'call'],
  ['Run', 'week on saturday', 'in-person'],
];

/** Where the timed runs keep connect's code cache: made by the warm-up rounds, never the user's own. */
const CODE_CACHE = join(tmpdir(), `connect-bench-cache-${process.pid}`);
const env = (db, extra = {}) => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME ?? tmpdir(),
  XDG_CACHE_HOME: CODE_CACHE,
  CONNECT_DB: db,
  CONNECT_NOW: NOW,
  TZ,
  NO_COLOR: '1',
  LC_ALL: 'C',
  ...extra,
});

/** A file's SHA-256, read a megabyte at a time (an export of a million rows is hundreds of megabytes). */
function sha256Of(path) {
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(1024 * 1024);
    for (;;) {
      const read = readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      hash.update(buffer.subarray(0, read));
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

function connect(db, args) {
  const r = spawnSync(process.execPath, [BIN, ...args], { env: env(db), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`connect ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

const exists = (command) =>
  spawnSync(process.execPath, [BIN, command, '--help'], { env: env(join(tmpdir(), 'none.db')), stdio: 'ignore' })
    .status === 0;
const hasShell = (shell) => spawnSync('sh', ['-c', `command -v ${shell}`], { stdio: 'ignore' }).status === 0;

/** The journal builder, bundled from TypeScript on the fly so that it uses the real migrations. */
async function journalBuilder() {
  mkdirSync(CACHE, { recursive: true });
  const outfile = join(CACHE, 'bench-journal.cjs');
  await build({
    entryPoints: [join(ROOT, 'scripts', 'bench-journal.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    external: ['better-sqlite3'],
    logLevel: 'warning',
  });
  return createRequire(join(ROOT, 'package.json'))(outfile);
}

/** A journal for `key`, rebuilt only when the generator or the schema changed. */
async function journal(key, builder) {
  const { spec, touchpoints } = JOURNALS[key];
  const version = createHash('sha256')
    .update(readFileSync(join(ROOT, 'scripts', 'bench-journal.ts')))
    .update(readFileSync(join(ROOT, 'src', 'db', 'migrations.ts')))
    .update(JSON.stringify([spec, touchpoints, TOUCHPOINTS, NOW]))
    .digest('hex')
    .slice(0, 12);
  const path = join(CACHE, `${key}-${version}.db`);
  if (existsSync(path)) return path;
  // Journals from an older generator or schema are of no more use (the million-row one is about 400 MB).
  for (const file of readdirSync(CACHE))
    if (file.startsWith(`${key}-`) && !file.startsWith(`${key}-${version}.db`))
      rmSync(join(CACHE, file), { force: true });
  const building = `${path}.building`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(building + suffix, { force: true });
  process.stderr.write(`Building the ${JOURNALS[key].label} journal (once; cached)…\n`);
  const names = builder.buildJournal(building, spec, new Date(NOW));
  TOUCHPOINTS.slice(0, touchpoints).forEach(([title, every, channel], i) => {
    connect(building, [
      'touchpoint',
      'add',
      title,
      '--every',
      every,
      '--with',
      names[i % names.length],
      '--channel',
      channel,
      '--from',
      '2026-01-01',
    ]);
  });
  renameSync(building, path);
  return path;
}

/**
 * Preloaded into every timed node (bare ones too): reports the process's own CPU time (µs) and peak memory (KB) on
 * fd 3. The peak is Linux's VmHWM, the process's own: its maxRSS also counts the bench's resident memory at the
 * moment it was forked (every row read 109 MB in a run that had just built the million-row journal).
 */
const CPU_HOOK = join(tmpdir(), `connect-bench-cpu-${process.pid}.cjs`);
const CPU_HOOK_SOURCE =
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the source of a file the timed processes load, not a template here
  "process.on('exit', () => { const fs = require('fs'); const u = process.resourceUsage(); let peak = u.maxRSS; try { peak = Number(/VmHWM:\\s+(\\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))[1]); } catch {} try { fs.writeSync(3, `${u.userCPUTime + u.systemCPUTime} ${peak}`); } catch {} });\n";

function timeOnce(command, args, options) {
  const started = process.hrtime.bigint();
  const r = spawnSync(command, args, { stdio: ['ignore', 'pipe', 'pipe', 'pipe'], encoding: 'utf8', ...options });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const [cpuMicros, rssKb] = String(r.output?.[3] ?? '')
    .split(' ')
    .map(Number);
  const cpu = cpuMicros / 1000;
  const peakMb = rssKb / 1024;
  return {
    ms,
    cpu: Number.isFinite(cpu) && cpu > 0 ? cpu : null,
    peakMb: Number.isFinite(peakMb) && peakMb > 0 ? peakMb : null,
    status: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
  };
}

async function main() {
  const builder = await journalBuilder();
  const small = await journal('small', builder);
  const tenYear = await journal('tenYear', builder);
  const million = await journal('million', builder);
  const scratch = join(tmpdir(), `connect-bench-${process.pid}`);
  mkdirSync(scratch, { recursive: true });
  // log writes: it gets a copy, so the cached journal stays as built.
  const logJournal = join(scratch, 'log.db');
  copyFileSync(tenYear, logJournal);

  // A journal that has already nudged today, for the shell snippets: the stamp says "not before tomorrow".
  const nudged = join(scratch, 'nudged.db');
  copyFileSync(small, nudged);
  writeFileSync(`${nudged}.nudge`, `${Math.floor(Date.now() / 1000) + 86_400}\n`);
  const snippets = {};
  for (const shell of ['bash', 'zsh', 'fish']) {
    snippets[shell] = join(scratch, `snippet.${shell}`);
    writeFileSync(snippets[shell], connect(small, ['shell-init', shell]));
  }

  writeFileSync(CPU_HOOK, CPU_HOOK_SOURCE);
  const node = (db, args, extra) => ({
    command: process.execPath,
    args: ['-r', CPU_HOOK, BIN, ...args],
    options: { env: env(db, extra) },
  });
  const skipped = [];
  const variants = [];
  const wanted = (variant) => `${variant.what} ${variant.journal}`.includes(ONLY);
  const add = (variant) => {
    if (!wanted(variant)) return;
    variants.push({ ...variant, samples: [], bare: [], cpu: [], bareCpu: [], peakMb: [] });
  };
  const shellEnv = { ...env(nudged), PATH: `${join(scratch, 'bin')}:${process.env.PATH}` };
  // A `connect` on the PATH for the snippets (they check for it); it is never started when the stamp says no.
  mkdirSync(join(scratch, 'bin'), { recursive: true });
  writeFileSync(join(scratch, 'bin', 'connect'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`, {
    mode: 0o755,
  });

  if (hasShell('bash')) {
    add({
      what: 'shell start, already nudged today (bash snippet)',
      journal: '—',
      target: { ms: 5 },
      inShell: true,
      command: 'bash',
      args: [
        '--norc',
        '--noprofile',
        '-i',
        '-c',
        `s=$EPOCHREALTIME; source ${snippets.bash}; e=$EPOCHREALTIME; echo "$s $e"`,
      ],
      options: { env: shellEnv },
    });
  }
  if (hasShell('zsh')) {
    add({
      what: 'shell start, already nudged today (zsh snippet)',
      journal: '—',
      target: { ms: 5 },
      inShell: true,
      command: 'zsh',
      args: [
        '-f',
        '-i',
        '-c',
        `zmodload zsh/datetime; s=$EPOCHREALTIME; source ${snippets.zsh}; e=$EPOCHREALTIME; print "$s $e"`,
      ],
      options: { env: shellEnv },
    });
  }
  add({
    what: '`connect nudge --force`',
    journal: JOURNALS.small.label,
    target: { ratio: 1.2 },
    group: 'nudge',
    ...node(small, ['nudge', '--force']),
  });
  add({
    what: '`connect nudge --force`',
    journal: JOURNALS.tenYear.label,
    target: { ratio: 1.2 },
    group: 'nudge',
    ...node(tenYear, ['nudge', '--force']),
  });
  add({
    what: '`connect nudge --force`',
    journal: JOURNALS.million.label,
    target: { ratio: 1.2 },
    group: 'nudge',
    ...node(million, ['nudge', '--force']),
  });
  add({
    what: '`connect nudge` (already spoke today: reads the stamp only)',
    journal: 'any',
    target: {},
    ...node(nudged, ['nudge']),
  });
  const logArgs = [
    'log',
    'Sam',
    '--channel',
    'call',
    '--before',
    '3',
    '--after',
    '4',
    '--quality',
    '4',
    '--felt',
    'safe',
    '--note',
    'bench',
  ];
  add({
    what: '`connect log Sam --channel call --before 3 --after 4 --quality 4 --felt safe --note …`',
    journal: JOURNALS.tenYear.label,
    target: { ratio: 1.5 },
    ...node(logJournal, logArgs),
  });
  // The one run after installing (or upgrading) that compiles the command and leaves its code cache.
  const firstLogCache = join(scratch, 'first-run-cache');
  add({
    what: '`connect log …`, its first run (compiles; leaves the code cache)',
    journal: JOURNALS.tenYear.label,
    target: {},
    before: () => rmSync(firstLogCache, { recursive: true, force: true }),
    ...node(logJournal, logArgs, { XDG_CACHE_HOME: firstLogCache }),
  });
  // ── Read commands: each within 1.6× bare node on ten years and 2.5× on a million rows, in ≤ 150 MB. ──
  // The journal's touchpoints fill `next`'s three places (and ten); twenty also need everyone's recent contacts.
  const READS = [
    ['week'],
    ['next'],
    ['next', '--count', '10'],
    ['next', '--count', '20'],
    ['calendar'],
    ['calendar', '--months', '12'],
    ['touchpoint', 'calendar'],
    ['history'],
    ['touchpoint', 'list'],
    ['remind'],
    ['checkin', '--history'],
    // From the summary tables that every write keeps current.
    ['patterns'],
    ['patterns', '--since', '3 months ago'],
    ['people'],
    ['people', 'show', 'Sam'],
  ];
  const READ_TARGETS = { tenYear: { ratio: 1.6, mb: 150 }, million: { ratio: 2.5, mb: 150 } };
  for (const [key, path] of [
    ['tenYear', tenYear],
    ['million', million],
  ]) {
    for (const args of READS) {
      if (!exists(args[0])) {
        if (!skipped.includes(args[0])) skipped.push(args[0]);
        continue;
      }
      add({
        what: `\`connect ${args.map((arg) => (arg.includes(' ') ? `"${arg}"` : arg)).join(' ')}\``,
        journal: JOURNALS[key].label,
        target: READ_TARGETS[key],
        ...node(path, args),
      });
    }
  }

  // ── Writes on a million rows: each on its own copy, as the ten-year `log` row, within 1.5× bare node. ──
  const writes = [
    ['`connect log …` (as above)', logArgs],
    ['`connect mood 3 --energy 4 --note …`', ['mood', '3', '--energy', '4', '--note', 'bench']],
    ['`connect edit ID --quality 4 --note …`', ['edit', 'ID', '--quality', '4', '--note', 'bench edit']],
  ].filter(([what]) => wanted({ what, journal: JOURNALS.million.label }));
  for (const [what, args] of writes) {
    const copy = join(scratch, `million-${args[0]}.db`);
    copyFileSync(million, copy);
    // `edit` addresses an entry by its id (as history shows it): the newest conversation's.
    const id = () => JSON.parse(connect(copy, ['history', '--channel', 'call', '--limit', '1', '--json']))[0].id;
    const withId = args.map((arg) => (arg === 'ID' ? id() : arg));
    add({ what, journal: JOURNALS.million.label, target: { ratio: 1.5 }, ...node(copy, withId) });
  }

  // Moving a whole journal: export, import, backup and doctor on a million rows. Each run takes seconds, so
  // these rows get a few rounds and no warm-up (a code cache saves milliseconds here).
  const TRANSFER_ROUNDS = Math.min(ROUNDS, 3);
  const transfer = { journal: JOURNALS.million.label, warmup: 0, rounds: TRANSFER_ROUNDS };
  for (const format of ['json', 'csv', 'markdown']) {
    add({
      ...transfer,
      what: `\`connect export --format ${format} --out FILE\``,
      target: { seconds: 20, mb: 200 },
      ...node(million, ['export', '--format', format, '--out', join(scratch, `export.${format}`)]),
    });
  }
  const exported = join(scratch, 'import.json');
  const imported = join(scratch, 'imported.db');
  add({
    ...transfer,
    what: '`connect import FILE` (the JSON export, into a new journal)',
    target: { seconds: 20, mb: 200 },
    before: () => {
      if (!existsSync(exported)) connect(million, ['export', '--out', exported]);
      for (const suffix of ['', '-wal', '-shm']) rmSync(imported + suffix, { force: true });
    },
    ...node(imported, ['import', exported]),
    // The target includes the JSON export importing back identically: the imported journal, exported again, gives
    // the same bytes.
    check: () => {
      const again = join(scratch, 'import-again.json');
      connect(imported, ['export', '--out', again]);
      const same = sha256Of(again) === sha256Of(exported);
      rmSync(again, { force: true });
      return {
        ok: same,
        line: `The JSON export of ${JOURNALS.million.label}, imported into a new journal and exported again, gives the same bytes: ${same ? '✓' : '✗'}`,
      };
    },
  });
  const backup = join(scratch, 'backup.db');
  add({
    ...transfer,
    what: '`connect backup FILE`',
    target: { seconds: 3 },
    before: () => rmSync(backup, { force: true }),
    ...node(million, ['backup', backup]),
  });
  add({ ...transfer, what: '`connect doctor`', target: { seconds: 3 }, ...node(million, ['doctor']) });

  // connect sync: a ten-year journal's first full exchange (the snapshot written, then merged on a new device),
  // and a day's changes (three entries written out by one device, merged in by the other).
  const syncRows = [
    '`connect sync DIR`, first full exchange: writes the snapshot',
    '`connect sync DIR`, first full exchange: a new device merges the snapshot',
    "`connect sync DIR`, a day's changes: writes three entries",
    "`connect sync DIR`, a day's changes: merges another device's",
  ];
  if (exists('sync') && syncRows.some((what) => wanted({ what, journal: JOURNALS.tenYear.label }))) {
    const fresh = (name) => {
      const path = join(scratch, name);
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
      return path;
    };
    const folder = (name) => {
      const path = join(scratch, name);
      rmSync(path, { recursive: true, force: true });
      mkdirSync(path, { recursive: true });
      return path;
    };
    const first = join(scratch, 'sync-first.db');
    const firstDir = join(scratch, 'sync-first');
    copyFileSync(tenYear, fresh('sync-first.db'));
    folder('sync-first');
    add({
      what: syncRows[0],
      journal: JOURNALS.tenYear.label,
      target: {},
      before: () => {
        copyFileSync(tenYear, fresh('sync-first.db'));
        folder('sync-first');
      },
      ...node(first, ['sync', firstDir]),
    });
    const snapshotDir = folder('sync-snapshot');
    copyFileSync(tenYear, fresh('sync-day-a.db'));
    connect(join(scratch, 'sync-day-a.db'), ['sync', snapshotDir]);
    const newDevice = join(scratch, 'sync-new.db');
    add({
      what: syncRows[1],
      journal: JOURNALS.tenYear.label,
      target: {},
      before: () => fresh('sync-new.db'),
      ...node(newDevice, ['sync', snapshotDir]),
    });
    const dayA = join(scratch, 'sync-day-a.db');
    const dayB = join(scratch, 'sync-day-b.db');
    fresh('sync-day-b.db');
    connect(dayB, ['sync', snapshotDir]);
    const aDay = () => {
      for (const note of ['morning', 'lunch', 'evening'])
        connect(dayA, ['log', 'Sam', '--channel', 'call', '--note', note]);
    };
    add({
      what: syncRows[2],
      journal: JOURNALS.tenYear.label,
      target: { ratio: 1.6 },
      before: aDay,
      ...node(dayA, ['sync', snapshotDir]),
    });
    add({
      what: syncRows[3],
      journal: JOURNALS.tenYear.label,
      target: { ratio: 1.6 },
      before: () => {
        aDay();
        connect(dayA, ['sync', snapshotDir]);
      },
      ...node(dayB, ['sync', snapshotDir]),
    });
  }

  // Check every variant works before timing it, and what it leaves where a row says what that must be.
  const checks = [];
  for (const v of variants) {
    v.before?.();
    const r = timeOnce(v.command, v.args, v.options);
    if (r.status !== 0) throw new Error(`${v.what} exited ${r.status}: ${r.stderr}`);
    if (v.check) checks.push(v.check());
  }

  // The same small environment as every command: an inherited NODE_EXTRA_CA_CERTS alone costs tens of ms.
  const bare = {
    command: process.execPath,
    args: ['-r', CPU_HOOK, '-e', '0'],
    options: { env: env(join(tmpdir(), 'none.db')) },
  };
  process.stderr.write(`Timing ${variants.length} commands, ${ROUNDS} rounds, each alternating with bare node…\n`);
  for (let round = 0; round < WARMUP + ROUNDS; round++) {
    for (const v of variants) {
      const warmup = v.warmup ?? WARMUP;
      if (round >= warmup + (v.rounds ?? ROUNDS)) continue;
      const b = timeOnce(bare.command, bare.args, bare.options);
      v.before?.();
      const r = timeOnce(v.command, v.args, v.options);
      if (round < warmup) continue;
      v.bare.push(b.ms);
      if (r.peakMb !== null) v.peakMb.push(r.peakMb);
      if (b.cpu !== null && r.cpu !== null) {
        v.bareCpu.push(b.cpu);
        v.cpu.push(r.cpu);
      }
      if (v.inShell) {
        const [start, end] = r.stdout.trim().split(/\s+/).map(Number);
        v.samples.push((end - start) * 1000);
      } else v.samples.push(r.ms);
    }
  }
  rmSync(scratch, { recursive: true, force: true });
  rmSync(CODE_CACHE, { recursive: true, force: true });
  rmSync(CPU_HOOK, { force: true });

  const allBare = variants.flatMap((v) => v.bare);
  const rows = variants.map((v) => summarise(v));
  const nudgeRows = rows.filter((r) => r.group === 'nudge');
  const [first, last] = [nudgeRows[0], nudgeRows[nudgeRows.length - 1]];

  const lines = [];
  lines.push(
    `Node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()[0].toFixed(1)}, ${ROUNDS} rounds; bare \`node -e 0\`: median ${medianOf(allBare).toFixed(1)} ms.`,
  );
  lines.push(
    'Wall-clock medians; each ratio is against the bare-node runs alternated with that command, and "over bare" is the difference of the two medians, which does not move with how fast Node itself starts. "CPU × bare" compares the processes\' own CPU time, which a busy machine disturbs less.',
  );
  lines.push('');
  lines.push('| what | journal | median | × bare node | over bare | CPU × bare | peak memory | target | |');
  lines.push('|---|---|---:|---:|---:|---:|---:|---|---|');
  for (const r of rows) {
    const cpu = r.cpuRatio === null ? '—' : `${r.cpuRatio.toFixed(2)}×`;
    const peak = r.peakMb === null ? '—' : `${r.peakMb.toFixed(0)} MB`;
    lines.push(
      `| ${r.what} | ${r.journal} | ${r.median.toFixed(r.inShell ? 2 : 1)} ms | ${r.inShell ? '—' : `${r.ratio.toFixed(2)}×`} | ${r.inShell ? '—' : `${r.overBare >= 0 ? '+' : '−'}${Math.abs(r.overBare).toFixed(1)} ms`} | ${cpu} | ${peak} | ${r.targetText} | ${r.verdict} |`,
    );
  }
  lines.push('');
  if (first && last) {
    const spread = last.median / first.median - 1;
    lines.push(
      `\`connect nudge\` on ${last.journal} vs ${first.journal}: ${spread >= 0 ? '+' : ''}${(spread * 100).toFixed(1)}% (target within 10%) ${Math.abs(spread) <= 0.1 ? '✓' : '✗'}`,
    );
  }
  if (skipped.length)
    lines.push(
      `Not measured (no such command in this build yet): ${skipped.map((c) => `\`connect ${c}\``).join(', ')}.`,
    );
  lines.push(...checks.map((c) => c.line));
  if (checks.some((c) => !c.ok)) process.exitCode = 1;
  const missed = rows.filter((r) => r.verdict === '✗');
  for (const r of missed) lines.push(`Missed: ${r.what} on ${r.journal} — ${r.missedBy}.`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error) => {
  process.stderr.write(`bench: ${error.stack ?? error}\n`);
  process.exitCode = 1;
});

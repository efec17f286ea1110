import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REMINDERS } from '../../src/core/reminders';
import { BIN, onPath, sandbox, type Sandbox } from './run';

let s: Sandbox;
let home: string;
let calls: string;
let env: Record<string, string>;
/** Where the snippet finds the journal with no CONNECT_DB: $XDG_DATA_HOME/connect/journal.db. */
let journal: string;

/** A `connect` on the PATH that notes each time a shell starts it, then runs the built binary (or `body`). */
function installConnect(body = `exec "${process.execPath}" "${BIN}" "$@"`): void {
  const bin = join(s.dir, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'connect'), `#!/bin/sh\necho "$*" >> "${calls}"\n${body}\n`);
  chmodSync(join(bin, 'connect'), 0o755);
}

beforeEach(() => {
  s = sandbox();
  home = join(s.dir, 'home');
  calls = join(s.dir, 'calls');
  journal = join(s.dir, 'xdg-data', 'connect', 'journal.db');
  mkdirSync(join(home, '.config', 'fish'), { recursive: true });
  installConnect();
  // The real clock: the snippet compares the stamp with it. No CONNECT_DB: the snippet resolves the path itself.
  env = {
    HOME: home,
    XDG_DATA_HOME: join(s.dir, 'xdg-data'),
    XDG_CONFIG_HOME: join(home, '.config'),
    PATH: `${join(s.dir, 'bin')}:/usr/local/bin:/usr/bin:/bin`,
    TZ: 'Europe/Berlin',
    NO_COLOR: '1',
    TERM: 'dumb',
  };
});
afterEach(() => s.cleanup());

const timesStarted = () =>
  existsSync(calls)
    ? readFileSync(calls, 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('nudge')).length
    : 0;

function writeJournal(): void {
  expect(s.run(['log', 'Sam'], { env: { CONNECT_DB: journal } }).code).toBe(0);
}

/** What `connect shell-init SHELL >> RC` appends, done the way the README says, through the shell itself. */
function addToStartup(shell: 'bash' | 'zsh' | 'fish', rc: string): void {
  const r = spawnSync('sh', ['-c', `connect shell-init ${shell} >> ${rc}`], { env, encoding: 'utf8' });
  expect(r.status).toBe(0);
}

/** An interactive shell that reads its start-up file, runs one command from stdin and exits. */
function startShell(shell: string, extraEnv: Record<string, string> = {}) {
  const started = Date.now();
  // fish cannot read commands from Node's stdin socket; `-i -c` is still an interactive fish that reads config.fish.
  const args = shell === 'fish' ? ['-i', '-c', 'echo ready'] : ['-i'];
  const r = spawnSync(shell, args, {
    cwd: home,
    env: { ...env, ...extraEnv },
    input: 'echo ready\n',
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
}

describe('connect shell-init', () => {
  it('prints the snippet between marker comments that say how to remove it', () => {
    for (const shell of ['bash', 'zsh', 'fish']) {
      const r = s.run(['shell-init', shell]);
      expect(r.code).toBe(0);
      const lines = r.stdout.trimEnd().split('\n');
      expect(lines[0]).toBe('# >>> connect shell-init >>>');
      expect(lines[lines.length - 1]).toBe('# <<< connect shell-init <<<');
      expect(r.stdout).toMatch(/To remove it, delete the lines/);
      expect(r.stdout).toContain('connect nudge');
    }
  });

  it('refuses a shell it does not know, naming the ones it does (exit 2)', () => {
    const r = s.run(['shell-init', 'tcsh']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('bash, zsh, fish');
  });
});

describe.each([
  { shell: 'bash', rc: '~/.bashrc' },
  { shell: 'zsh', rc: '~/.zshrc' },
  { shell: 'fish', rc: '~/.config/fish/config.fish' },
] as const)('the $shell snippet in a real interactive $shell', ({ shell, rc }) => {
  it.skipIf(!onPath(shell))('prints the nudge the first time, then nothing, without even starting connect', () => {
    writeJournal();
    addToStartup(shell, rc);
    const first = startShell(shell);
    expect(first.code).toBe(0);
    const [line, ready] = first.stdout.trimEnd().split('\n');
    expect(REMINDERS).toContain(line);
    expect(ready).toBe('ready');
    expect(timesStarted()).toBe(1);
    expect(existsSync(`${journal}.nudge`)).toBe(true);

    const second = startShell(shell);
    expect(second.code).toBe(0);
    expect(second.stdout).toBe('ready\n');
    expect(timesStarted()).toBe(1);
  });

  it.skipIf(!onPath(shell))('starts nothing when there is no journal yet, and creates none', () => {
    addToStartup(shell, rc);
    expect(startShell(shell).stdout).toBe('ready\n');
    expect(timesStarted()).toBe(0);
    expect(existsSync(journal)).toBe(false);
  });

  it.skipIf(!onPath(shell))('a failing connect never breaks the shell, and its complaints stay hidden', () => {
    writeJournal();
    addToStartup(shell, rc);
    installConnect('echo "boom" >&2; exit 3');
    const r = startShell(shell);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('ready\n');
    expect(r.stderr).not.toContain('boom');
    expect(timesStarted()).toBe(1);
  });

  it.skipIf(!onPath(shell))(
    'starts connect without NODE_EXTRA_CA_CERTS, which it never needs, and leaves the shell’s own',
    () => {
      writeJournal();
      addToStartup(shell, rc);
      const seen = join(s.dir, 'seen');
      installConnect(`echo "[\${NODE_EXTRA_CA_CERTS-unset}]" >> "${seen}"\nexec "${process.execPath}" "${BIN}" "$@"`);
      const certs = join(s.dir, 'corporate.pem');
      const r = startShell(shell, { NODE_EXTRA_CA_CERTS: certs });
      expect(REMINDERS).toContain(r.stdout.split('\n')[0]);
      expect(readFileSync(seen, 'utf8')).toBe('[]\n');
      const after = spawnSync(shell, shell === 'fish' ? ['-i', '-c', 'echo $NODE_EXTRA_CA_CERTS'] : ['-i'], {
        cwd: home,
        env: { ...env, NODE_EXTRA_CA_CERTS: certs },
        input: 'echo $NODE_EXTRA_CA_CERTS\n',
        encoding: 'utf8',
      });
      expect(after.stdout).toBe(`${certs}\n`);
    },
  );

  it.skipIf(!onPath(shell))('without connect on the PATH it does nothing and says nothing', () => {
    writeJournal();
    addToStartup(shell, rc);
    const r = startShell(shell, { PATH: '/usr/local/bin:/usr/bin:/bin' });
    expect(r.stdout).toBe('ready\n');
    // Nothing about connect: no "command not found", no error of its own (the prompt may show the folder's name).
    expect(r.stderr).not.toMatch(/not found|unknown command|connect:|connect nudge/i);
  });
});

describe('the bash snippet', () => {
  it.skipIf(!onPath('bash') || !onPath('timeout'))('gives up on a nudge that hangs after two seconds', () => {
    writeJournal();
    addToStartup('bash', '~/.bashrc');
    installConnect('sleep 30');
    const r = startShell('bash');
    expect(r.stdout).toBe('ready\n');
    expect(r.ms).toBeLessThan(10_000);
  });

  it.skipIf(!onPath('bash'))('stays out of non-interactive shells (scp, rsync, scripts)', () => {
    writeJournal();
    addToStartup('bash', '~/.bashrc');
    const r = spawnSync('bash', ['-c', 'source ~/.bashrc; echo ready'], { env, encoding: 'utf8' });
    expect(r.stdout).toBe('ready\n');
    expect(timesStarted()).toBe(0);
  });

  it.skipIf(!onPath('bash'))('honours CONNECT_DB, as the nudge does', () => {
    const elsewhere = join(s.dir, 'elsewhere.db');
    expect(s.run(['log', 'Sam'], { env: { CONNECT_DB: elsewhere } }).code).toBe(0);
    addToStartup('bash', '~/.bashrc');
    expect(REMINDERS).toContain(startShell('bash', { CONNECT_DB: elsewhere }).stdout.split('\n')[0]);
    expect(existsSync(`${elsewhere}.nudge`)).toBe(true);
    expect(startShell('bash', { CONNECT_DB: elsewhere }).stdout).toBe('ready\n');
    expect(timesStarted()).toBe(1);
  });
});

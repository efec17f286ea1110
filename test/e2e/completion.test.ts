import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasTmux } from './terminal';
import { BIN, onPath, sandbox, type Sandbox } from './run';

// Tab pressed in real bash, zsh and fish (tmux), with the script installed the way the README says.

let s: Sandbox;
let id: string;
let env: Record<string, string>;

beforeAll(() => {
  s = sandbox();
  const bin = join(s.dir, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'connect'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(join(bin, 'connect'), 0o755);
  expect(s.run(['log', 'Grace Hopper', '--note', 'tea']).code).toBe(0);
  expect(s.run(['people', 'add', 'Sam', '--alias', 'Sammy']).code).toBe(0);
  id = s
    .run(['touchpoint', 'add', 'Sunday call', '--every', 'week on sunday', '--with', 'Sam', '--json'])
    .json()
    .id.slice(0, 8);
  const home = join(s.dir, 'home');
  mkdirSync(join(home, '.config', 'fish'), { recursive: true });
  env = {
    ...s.env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    ZDOTDIR: home,
    PATH: `${bin}:/usr/local/bin:/usr/bin:/bin`,
    TERM: 'xterm-256color',
  };
});
afterAll(() => s?.cleanup());

/** Installs the script as the README says (appending to the start-up file) and opens that shell in tmux. */
function shellWithCompletion(shell: 'bash' | 'zsh' | 'fish') {
  const home = env.HOME;
  const rc = {
    bash: join(home, '.bashrc'),
    zsh: join(home, '.zshrc'),
    fish: join(home, '.config', 'fish', 'config.fish'),
  }[shell];
  // zsh completion needs compinit first, as any zsh set-up with completion has.
  writeFileSync(
    rc,
    shell === 'zsh'
      ? 'autoload -Uz compinit && compinit -u\nPS1="$ "\n'
      : shell === 'bash'
        ? 'PS1="$ "\n'
        : 'function fish_prompt; echo "\\$ "; end\nset -g fish_greeting\n',
  );
  execFileSync('sh', ['-c', `connect completion ${shell} >> "${rc}"`], { env });
  const name = `connect-completion-${process.pid}-${shell}`;
  const vars = Object.entries(env)
    .map(([k, v]) => `${k}='${v.replace(/'/g, "'\\''")}'`)
    .join(' ');
  const start = { bash: `bash --rcfile '${rc}' -i`, zsh: 'zsh -i', fish: 'fish -i' }[shell];
  execFileSync('tmux', ['new-session', '-d', '-s', name, '-x', '160', '-y', '40', `env -i ${vars} ${start}`]);
  const screen = () => execFileSync('tmux', ['capture-pane', '-p', '-t', name], { encoding: 'utf8' });
  const waitFor = async (pattern: RegExp, ms = 15_000) => {
    const started = Date.now();
    for (;;) {
      const text = screen();
      if (pattern.test(text)) return text;
      if (Date.now() - started > ms)
        throw new Error(`${shell}: timed out waiting for ${pattern}; the screen shows:\n${text}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  /** Types `text`, presses Tab, waits for `expected` on the line, then clears the line. */
  const tab = async (text: string, expected: RegExp) => {
    execFileSync('tmux', ['send-keys', '-t', name, '-l', text]);
    execFileSync('tmux', ['send-keys', '-t', name, 'Tab']);
    const shown = await waitFor(expected);
    execFileSync('tmux', ['send-keys', '-t', name, 'C-u']);
    execFileSync('tmux', ['send-keys', '-t', name, 'C-c']);
    await new Promise((r) => setTimeout(r, 200));
    return shown;
  };
  return { waitFor, tab, close: () => spawnSync('tmux', ['kill-session', '-t', name]) };
}

// The three shells are driven at once: each test mostly waits for its own terminal to redraw.
describe('connect completion, pressing Tab', () => {
  it.concurrent.for(['bash', 'zsh', 'fish'] as const)(
    '%s completes commands, flag values, names and touchpoint ids',
    async (shell, { skip }) => {
      if (!hasTmux || !onPath(shell)) skip();
      const t = shellWithCompletion(shell);
      try {
        await t.waitFor(/^\$/m);
        await t.tab('connect touchp', /connect touchpoint\s*$/m);
        await t.tab('connect log --channel vid', /connect log --channel video\s*$/m);
        await t.tab('connect history --person Gr', /connect history --person Grace\\? Hopper/m);
        await t.tab(`connect touchpoint pause `, new RegExp(`connect touchpoint pause ${id}`, 'm'));
        await t.tab('connect import f.md --from fr', /--from friends\s*$/m);
      } finally {
        t.close();
      }
    },
  );
});

describe('connect completion', () => {
  it('prints the script between marker comments that say how to remove it', () => {
    for (const shell of ['bash', 'zsh', 'fish']) {
      const out = s.run(['completion', shell]).stdout;
      expect(out.startsWith('# >>> connect completion >>>\n')).toBe(true);
      expect(out.trimEnd().endsWith('# <<< connect completion <<<')).toBe(true);
      expect(out).toContain('delete the lines from ">>> connect completion" to "<<< connect completion"');
    }
  });

  it('--names prints people and aliases, touchpoints with titles, and nothing at all without a journal', () => {
    expect(s.run(['completion', '--names', 'people']).stdout).toBe('Grace Hopper\nSam\nSammy\n');
    expect(s.run(['completion', '--names', 'touchpoints']).stdout).toBe(`${id}\tSunday call\n`);
    const none = s.run(['completion', '--names', 'people'], { env: { CONNECT_DB: join(s.dir, 'none', 'journal.db') } });
    expect(none).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(spawnSync('ls', [join(s.dir, 'none')]).status).not.toBe(0);
  });

  it('refuses an unknown shell with a usage error', () => {
    const r = s.run(['completion', 'tcsh']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('completion takes one of bash, zsh, fish');
  });
});

import { execFileSync, spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, sandbox, type Sandbox } from './run';

const hasTmux = spawnSync('tmux', ['-V']).status === 0;

/** A real terminal (tmux) running the binary: type keys, read the screen. */
class Terminal {
  private readonly name = `connect-checkin-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

  constructor(s: Sandbox, args: string[]) {
    const env = Object.entries(s.env).map(([k, v]) => `${k}='${v.replace(/'/g, "'\\''")}'`).join(' ');
    const command = `env -i ${env} TERM=xterm-256color '${process.execPath}' '${BIN}' ${args.join(' ')}; echo "EXIT=$?"; sleep 60`;
    execFileSync('tmux', ['new-session', '-d', '-s', this.name, '-x', '120', '-y', '40', command]);
  }

  screen(): string {
    return execFileSync('tmux', ['capture-pane', '-p', '-t', this.name], { encoding: 'utf8' });
  }

  async waitFor(text: string, timeoutMs = 10_000): Promise<string> {
    const start = Date.now();
    for (;;) {
      const screen = this.screen();
      if (screen.includes(text)) return screen;
      if (Date.now() - start > timeoutMs) throw new Error(`Timed out waiting for ${text}; the screen shows:\n${screen}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  keys(...keys: string[]): void {
    execFileSync('tmux', ['send-keys', '-t', this.name, ...keys]);
  }

  close(): void {
    spawnSync('tmux', ['kill-session', '-t', this.name]);
  }
}

let s: Sandbox;
let terminal: Terminal | undefined;
beforeEach(() => {
  s = sandbox();
});
afterEach(() => {
  terminal?.close();
  s.cleanup();
});

describe.skipIf(!hasTmux)('interactive connect checkin in a real terminal', () => {
  it('asks the three questions one at a time and keeps the answers', async () => {
    terminal = new Terminal(s, ['checkin']);
    await terminal.waitFor('1/3 How often do you feel that you lack companionship?');
    expect(terminal.screen()).toContain('Hardly ever or never');
    terminal.keys('Down', 'Enter'); // Some of the time
    await terminal.waitFor('2/3 How often do you feel left out?');
    terminal.keys('Enter'); // Hardly ever or never
    await terminal.waitFor('3/3 How often do you feel isolated from others?');
    terminal.keys('Down', 'Down', 'Enter'); // Often
    const screen = await terminal.waitFor('EXIT=');
    expect(screen).toContain('a score of 6 on the three-item loneliness scale (3–9, higher is lonelier)');
    expect(screen).toContain('EXIT=0');
    const history = s.run(['checkin', '--answers', '1,1,1', '--json']).json();
    expect(history.previous.score).toBe(6);
  });

  it('saves nothing when Ctrl-C is pressed', async () => {
    terminal = new Terminal(s, ['checkin']);
    await terminal.waitFor('1/3');
    terminal.keys('Enter');
    await terminal.waitFor('2/3');
    terminal.keys('C-c');
    const screen = await terminal.waitFor('EXIT=');
    expect(screen).toContain('nothing was saved');
    expect(screen).toContain('EXIT=130');
    expect(s.run(['checkin', '--answers', '1,1,1', '--json']).json().previous).toBeNull();
  });
});

import { execFileSync, spawnSync } from 'node:child_process';
import { BIN, type Sandbox } from './run';

export const hasTmux = spawnSync('tmux', ['-V']).status === 0;

/** Drives the real prompts in a real terminal: tmux runs the binary, we type and read the screen. */
export class Terminal {
  private readonly name = `connect-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

  constructor(s: Sandbox, args: string[], options: { columns?: number } = {}) {
    const env = Object.entries(s.env)
      .map(([k, v]) => `${k}='${v.replace(/'/g, "'\\''")}'`)
      .join(' ');
    const command = `env -i ${env} TERM=xterm-256color '${process.execPath}' '${BIN}' ${args.join(' ')}; echo "EXIT=$?"; sleep 60`;
    execFileSync('tmux', [
      'new-session',
      '-d',
      '-s',
      this.name,
      '-x',
      String(options.columns ?? 120),
      '-y',
      '40',
      command,
    ]);
  }

  screen(): string {
    return execFileSync('tmux', ['capture-pane', '-p', '-t', this.name], { encoding: 'utf8' });
  }

  async waitFor(text: string | RegExp, timeoutMs = 10_000): Promise<string> {
    const start = Date.now();
    for (;;) {
      const screen = this.screen();
      if (typeof text === 'string' ? screen.includes(text) : text.test(screen)) return screen;
      if (Date.now() - start > timeoutMs)
        throw new Error(`Timed out waiting for ${String(text)}; the screen shows:\n${screen}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  keys(...keys: string[]): void {
    execFileSync('tmux', ['send-keys', '-t', this.name, ...keys]);
  }

  type(text: string): void {
    execFileSync('tmux', ['send-keys', '-t', this.name, '-l', text]);
  }

  close(): void {
    spawnSync('tmux', ['kill-session', '-t', this.name]);
  }
}

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from './run';
import { hasTmux, Terminal } from './terminal';

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

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { journal, type Journal } from '../support/in-process';

let j: Journal;
beforeEach(() => {
  j = journal();
});
afterEach(() => j.cleanup());

describe('commander’s errors in connect’s voice (exit 2)', () => {
  it.each([
    [['wek'], 'connect: connect has no command "wek" — did you mean week?', /The commands: log, .*history/],
    [['peple'], 'connect: connect has no command "peple" — did you mean people?', /The commands:/],
    [
      ['log', 'Sam', '--chanel', 'video'],
      'connect: connect log has no option --chanel — did you mean --channel?',
      /connect log --help/,
    ],
    [['history', '--limt', '5'], 'connect: connect history has no option --limt — did you mean --limit?', /--help/],
    [['shell-init'], 'connect: connect shell-init needs <shell>: bash, zsh, fish.', /--help/],
    [
      ['log', 'Sam', '--when'],
      'connect: --when needs a value: when it happened: "2 hours ago", "yesterday 6pm", 2026-11-20 (default: now).',
      /--help/,
    ],
    [
      ['people', 'shw', 'Sam'],
      'connect: connect people has no command "shw" — did you mean show?',
      /The commands: add, show/,
    ],
    [
      ['week', 'last'],
      'connect: connect week takes no words after it; "last" is more than it expects.',
      /Quote a value/,
    ],
  ])('connect %j', async (args, first, hint) => {
    const result = await j.run(args);
    expect(result.code).toBe(2);
    const [line, second] = result.stderr.split('\n');
    expect(line).toBe(first);
    expect(second).toMatch(hint);
    expect(result.stderr).not.toMatch(/^error:/m);
    expect(result.stdout).toBe('');
  });

  it('help and version still end calmly with 0', async () => {
    expect((await j.run(['--help'])).code).toBe(0);
    expect((await j.run(['log', '--help'])).code).toBe(0);
    expect((await j.run(['--version'])).code).toBe(0);
  });
});

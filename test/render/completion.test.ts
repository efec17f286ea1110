import { describe, expect, it } from 'vitest';
import { ALL_COMMANDS } from '../../src/all-commands';
import { buildProgram } from '../../src/program';
import { completionScript, completionTree, type Node } from '../../src/render/completion';

const quiet = { write: () => undefined, isTTY: () => false };
const tree = completionTree(
  buildProgram(
    {
      env: {},
      now: new Date(0),
      stdout: quiet,
      stderr: quiet,
      stdinIsTTY: () => false,
      loadPrompts: () => ({}) as never,
      loadWrap: () => ({}) as never,
    },
    '',
    ALL_COMMANDS,
  ).program,
);
const all = (node: Node): Node[] => [node, ...node.subcommands.flatMap(all)];

describe('names and touchpoint ids at Tab', () => {
  it('come from connect run without NODE_EXTRA_CA_CERTS, in all three shells', () => {
    for (const shell of ['bash', 'zsh', 'fish'] as const) {
      const script = completionScript(shell, tree);
      const runs = script.match(/[^\n(]*connect completion --names/g) ?? [];
      expect(runs.length, shell).toBeGreaterThan(0);
      for (const run of runs) expect(run, shell).toMatch(/NODE_EXTRA_CA_CERTS= connect completion --names$/);
    }
  });
});

describe('completion scripts come from the command tree', () => {
  it('hold every command and every flag, in all three shells', () => {
    for (const shell of ['bash', 'zsh', 'fish'] as const) {
      const script = completionScript(shell, tree);
      for (const node of all(tree)) {
        expect(script).toContain(node.name);
        for (const flag of node.flags)
          expect(script, `${shell}: ${node.path} --${flag.name}`).toContain(
            shell === 'fish' ? `-l ${flag.name} ` : `--${flag.name}`,
          );
      }
    }
    expect(all(tree).map((n) => n.path)).toEqual(
      expect.arrayContaining(['log', 'touchpoint calendar', 'people show', 'completion']),
    );
  });

  it('leave the hidden --names out, and know which values each flag takes', () => {
    const completion = all(tree).find((n) => n.path === 'completion')!;
    expect(completion.flags.map((f) => f.name)).not.toContain('names');
    const flag = (path: string, name: string) =>
      all(tree)
        .find((n) => n.path === path)!
        .flags.find((f) => f.name === name)!.value;
    expect(flag('log', 'channel')).toEqual({
      words: ['in-person', 'video', 'call', 'voice-message', 'text', 'online'],
    });
    expect(flag('log', 'felt')).toEqual({ words: ['safe', 'nonjudgmental', 'available'] });
    expect(flag('log', 'initiated')).toEqual({ words: ['me', 'them', 'mutual'] });
    expect(flag('export', 'format')).toEqual({ words: ['json', 'csv', 'markdown'] });
    expect(flag('import', 'from')).toEqual({ words: ['connect', 'friends', 'daylio'] });
    expect(flag('touchpoint add', 'from')).toBe('free');
    expect(flag('history', 'person')).toBe('people');
    expect(flag('log', 'touchpoint')).toBe('touchpoints');
    expect(all(tree).find((n) => n.path === 'people show')!.args).toBe('people');
    expect(all(tree).find((n) => n.path === 'touchpoint skip')!.args).toBe('touchpoints');
  });

  it('connect completion prints the same script the tree gives, in-process too', async () => {
    const { journal } = await import('../support/in-process');
    const j = journal();
    try {
      const r = await j.run(['completion', 'fish']);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${completionScript('fish', tree)}\n`);
    } finally {
      j.cleanup();
    }
  });
});

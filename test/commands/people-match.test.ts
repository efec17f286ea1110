import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Prompts } from '../../src/context';
import { journal, type Journal } from '../support/in-process';

let j: Journal;
beforeEach(async () => {
  j = journal();
  for (const name of ['Priya', 'Tom Becker', 'Sam', 'Ann']) expect((await j.run(['people', 'add', name])).code).toBe(0);
});
afterEach(() => j.cleanup());

const peopleNames = async () => (await j.run(['people', '--json'])).json().map((p: { name: string }) => p.name);
const entries = async () => (await j.run(['history', '--json'])).json();

describe('a name close to someone’s, with no terminal to ask on', () => {
  it.each([
    [['Priyaa'], 'Priya'],
    [['Becker'], 'Tom Becker'],
    [['pri'], 'Priya'],
    [['priyaa', '--no-input'], 'Priya'],
    [['Priyaa', '--json'], 'Priya'],
  ])('connect log %j stops with exit 2 naming %s and --new, and writes nothing', async (args, candidate) => {
    const result = await j.run(['log', ...args, '--channel', 'text']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`did you mean ${candidate}?`);
    expect(result.stderr).toContain('--new');
    expect(result.stdout).toBe('');
    expect(await entries()).toEqual([]);
    expect(await peopleNames()).toEqual(['Ann', 'Priya', 'Sam', 'Tom Becker']);
  });

  it('names every candidate', async () => {
    await j.run(['people', 'add', 'Priyanka']);
    const result = await j.run(['log', 'Priy']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('did you mean Priya or Priyanka?');
  });

  it('adds the name anyway with --new', async () => {
    const result = await j.run(['log', 'Priyaa', '--new', '--channel', 'text']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Priyaa is new to your journal.');
    expect(await peopleNames()).toContain('Priyaa');
  });

  it('edit --people asks the same, and --new adds anyway', async () => {
    const id = (await j.run(['log', 'Sam', '--json'])).json().id;
    const refused = await j.run(['edit', id, '--people', 'Sam, Priyaa']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('did you mean Priya?');
    expect((await entries())[0].people).toEqual(['Sam']);
    expect((await j.run(['edit', id, '--people', 'Sam, Priyaa', '--new'])).code).toBe(0);
    expect((await entries())[0].people).toEqual(['Sam', 'Priyaa']);
  });

  it('keeps different people apart: Pat is not Sam, Ben is not Ann', async () => {
    for (const name of ['Pat', 'Ben']) {
      const result = await j.run(['log', name]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain(`${name} is new to your journal.`);
    }
  });

  it('logs a known name or alias as before, case-insensitively', async () => {
    expect((await j.run(['log', 'priya', 'tom becker'])).code).toBe(0);
    expect((await entries())[0].people).toEqual(['Priya', 'Tom Becker']);
  });
});

describe('a name close to someone’s, on a terminal', () => {
  const answering = (
    answer: (typed: string, close: readonly string[]) => string,
    asked: string[][],
  ): Partial<Prompts> => ({
    askWhichPerson: async (typed, close) => {
      asked.push([typed, ...close]);
      return answer(typed, close);
    },
  });

  it('asks "Did you mean Priya?" and logs with Priya when that is the answer', async () => {
    const asked: string[][] = [];
    const result = await j.run(['log', 'Priyaa', '--channel', 'text'], {
      prompts: answering((_, close) => close[0], asked),
    });
    expect(result.code).toBe(0);
    expect(asked).toEqual([['Priyaa', 'Priya']]);
    expect(result.stdout).toContain('Logged a text conversation with Priya.');
    expect(await peopleNames()).toEqual(['Ann', 'Priya', 'Sam', 'Tom Becker']);
  });

  it('adds someone new when that is the answer', async () => {
    const result = await j.run(['log', 'Becker'], { prompts: answering((typed) => typed, []) });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Becker is new to your journal.');
  });

  it('the guided log asks about a name typed there too, unless it was agreed to as new', async () => {
    const asked: string[][] = [];
    const guided = (people: string[], confirmedNew: string[]): Partial<Prompts> => ({
      ...answering((_, close) => close[0], asked),
      askInteraction: async () => ({
        people,
        confirmedNew,
        small: false,
        channel: 'in-person',
        when: 'now',
        activity: 'lunch',
      }),
    });
    const first = await j.run(['log'], { prompts: guided(['pri', 'Sam'], []) });
    expect(first.code).toBe(0);
    expect(asked).toEqual([['pri', 'Priya']]);
    expect(first.stdout).toContain('Logged a lunch with Priya and Sam.');
    const second = await j.run(['log'], { prompts: guided(['Priyaa'], ['Priyaa']) });
    expect(second.code).toBe(0);
    expect(asked).toHaveLength(1);
    expect(second.stdout).toContain('Priyaa is new to your journal.');
  });
});

describe('archived people', () => {
  it('logging with someone archived says so and how to bring them back', async () => {
    await j.run(['people', 'archive', 'Tom Becker']);
    const result = await j.run(['log', 'Tom Becker', '--channel', 'call']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Tom Becker is archived');
    expect(result.stdout).toContain('connect people archive "Tom Becker" --restore');
  });

  it('a name close to someone archived is asked about too', async () => {
    await j.run(['people', 'archive', 'Priya']);
    const result = await j.run(['log', 'Priyaa']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('did you mean Priya?');
  });
});

describe('connect people alias', () => {
  it('adds an alias that then finds them, and removes the typo a merge kept', async () => {
    expect((await j.run(['people', 'alias', 'add', 'Tom Becker', 'Tommy'])).stdout).toContain(
      '"Tommy" now finds Tom Becker.',
    );
    expect((await j.run(['log', 'tommy'])).code).toBe(0);
    expect((await j.run(['log', 'Priyaa', '--new'])).code).toBe(0);
    expect((await j.run(['people', 'merge', 'Priyaa', 'Priya'])).code).toBe(0);
    expect((await j.run(['people', 'show', 'Priya', '--json'])).json().aliases).toEqual(['Priyaa']);
    const removed = await j.run(['people', 'alias', 'remove', 'Priya', 'priyaa']);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain('"priyaa" no longer stands for Priya.');
    expect((await j.run(['people', 'show', 'Priya', '--json'])).json().aliases).toEqual([]);
  });

  it.each([
    [['people', 'alias', 'remove', 'Priya', 'Pree'], /"Pree" is not an alias of Priya\. Priya has no aliases\./],
    [['people', 'alias', 'add', 'Priya', 'Sam'], /"Sam" already stands for Sam\./],
    [['people', 'alias', 'add', 'Priya', 'priya'], /already Priya’s name/],
  ])('connect %j is a usage error', async (args, message) => {
    const result = await j.run(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { journal, type Journal } from '../support/in-process';

let j: Journal;
afterEach(() => j?.cleanup());

describe('export --format markdown', () => {
  it('carries touchpoints (where each stands) and check-ins, as well as people and entries', async () => {
    j = journal({ now: '2026-11-26T10:00:00Z' });
    expect(
      (
        await j.run([
          'touchpoint',
          'add',
          'Sunday call',
          '--every',
          'week on sunday',
          '--with',
          'Mum',
          '--channel',
          'call',
        ])
      ).code,
    ).toBe(0);
    expect(
      (
        await j.run([
          'touchpoint',
          'add',
          'Book club',
          '--every',
          'month on the first tuesday',
          '--activity',
          'book club',
        ])
      ).code,
    ).toBe(0);
    const id = (await j.run(['touchpoint', 'list', '--json'])).json()[1].id;
    expect((await j.run(['touchpoint', 'pause', id])).code).toBe(0);
    expect((await j.run(['checkin', '--answers', '2,1,2'])).code).toBe(0);
    expect((await j.run(['log', 'Mum', '--channel', 'call', '--when', 'yesterday 6pm'])).code).toBe(0);
    const md = (await j.run(['export', '--format', 'markdown'])).stdout;
    expect(md).toContain(
      '## Touchpoints\n\n- **Sunday call** — every week on Sunday · with Mum · call · next Sun 29 Nov 2026\n',
    );
    expect(md).toMatch(/- \*\*Book club\*\* — on the first Tuesday of each month · book club · paused\n/);
    expect(md).toContain(
      '## Check-ins\n\n_The three-item loneliness scale: 3 to 9, higher is lonelier._\n\n- **Thu 26 Nov 2026, 11:00** — 5 (answers 2, 1, 2)\n',
    );
    expect(md).toContain('## November 2026');
  });

  it('leaves the sections out of an empty journal', async () => {
    j = journal();
    const md = (await j.run(['export', '--format', 'markdown'])).stdout;
    expect(md).not.toContain('## Touchpoints');
    expect(md).not.toContain('## Check-ins');
  });
});

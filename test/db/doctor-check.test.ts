import { afterEach, describe, expect, it } from 'vitest';
import { examineJournal, FULL_CHECK_UP_TO_BYTES } from '../../src/db/doctor';
import { doctorLines } from '../../src/render/doctor';
import { journal, type Journal } from '../support/in-process';

let j: Journal;
afterEach(() => j?.cleanup());

describe('doctor checks a large journal quickly, and fully when asked', () => {
  it.each([
    ['a journal up to the size gets the full check', {}, 'full'],
    ['a larger one gets the quick check', { fullCheckUpTo: 0 }, 'quick'],
    ['--full asks for the full check at any size', { fullCheckUpTo: 0, full: true }, 'full'],
  ] as const)('%s', async (_, options, check) => {
    j = journal();
    expect((await j.run(['log', 'Sam', '--note', 'a walk'])).code).toBe(0);
    const report = examineJournal(j.db, null, options);
    expect(report).toMatchObject({ integrity: 'ok', integrityCheck: check, problems: [] });
    expect(report.bytes ?? 0).toBeLessThan(FULL_CHECK_UP_TO_BYTES);
    const text = doctorLines(report).join('\n');
    if (check === 'quick') expect(text).toContain('integrity ok (quick check; connect doctor --full');
    else expect(text).not.toContain('quick check');
  });

  it('connect doctor --full runs and says all is well', async () => {
    j = journal();
    await j.run(['log', 'Sam']);
    const result = await j.run(['doctor', '--full', '--json']);
    expect(result.code).toBe(0);
    expect(result.json()).toMatchObject({ ok: true, integrity: 'ok', integrityCheck: 'full' });
  });
});

import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstPlanned, type PlanLine } from '../../src/core/nudge';
import { mirrorText, parseMirror, sameSignature, settledBefore, type FileStamp, type JournalSignature, type NudgeMirror } from '../../src/core/nudge-mirror';
import { openForWriting, type Journal } from '../../src/db/journal';
import { readNudgePlan } from '../../src/db/nudge-read';

const stamp = (over: Partial<FileStamp> = {}): FileStamp => ({ dev: '65024', ino: '2213545', size: '167936', mtimeNs: '1795684378858917212', ctimeNs: '1795684378858917212', ...over });
const signature = (over: Partial<JournalSignature> = {}): JournalSignature => ({ journal: stamp(), wal: null, ...over });
const line = (over: Partial<PlanLine> = {}): PlanLine => ({ kind: 'touchpoint', fromDay: '2026-11-29', untilDay: '2026-11-29', priority: 1, rank: 0, text: 'Today: Sunday call with Sam. One conversation is enough.', ...over });
const MIRROR: NudgeMirror = {
  signature: signature({ wal: stamp({ ino: '7', size: '61832' }) }),
  every: '12 hours',
  lines: [line(), line({ kind: 'rhythm', fromDay: '2026-11-20', untilDay: null, priority: 3, rank: -2.4, text: 'It’s been a little while since Mum.' })],
};

describe('the mirror’s text', () => {
  it('reads back exactly what was written', () => {
    expect(parseMirror(mirrorText(MIRROR))).toEqual(MIRROR);
    expect(parseMirror(mirrorText({ ...MIRROR, every: null, lines: [] }))).toEqual({ ...MIRROR, every: null, lines: [] });
  });

  const written = JSON.parse(mirrorText(MIRROR));
  /** The written text with one part of the first stored line (kind, from, until, priority, rank, text) replaced. */
  const withFirstLine = (index: number, value: unknown) => {
    const line = [...written.lines[0]];
    line[index] = value;
    return JSON.stringify({ ...written, lines: [line, ...written.lines.slice(1)] });
  };
  it.each([
    ['not JSON', 'nope {'],
    ['empty', ''],
    ['cut short', mirrorText(MIRROR).slice(0, 80)],
    ['an array', '[]'],
    ['another format', JSON.stringify({ ...written, format: 1 })],
    ['no signature', JSON.stringify({ ...written, signature: undefined })],
    ['a stamp with a number', JSON.stringify({ ...written, signature: { journal: { ...written.signature.journal, size: 167936 }, wal: null } })],
    ['a stamp missing its change time', JSON.stringify({ ...written, signature: { journal: { ...written.signature.journal, ctimeNs: undefined }, wal: null } })],
    ['a -wal that is neither a stamp nor null', JSON.stringify({ ...written, signature: { ...written.signature, wal: 'absent' } })],
    ['a setting that is not text', JSON.stringify({ ...written, every: 12 })],
    ['lines that are not a list', JSON.stringify({ ...written, lines: {} })],
    ['a line that is not a list', JSON.stringify({ ...written, lines: [{ kind: 'touchpoint' }] })],
    ['a line of the wrong length', JSON.stringify({ ...written, lines: [written.lines[0].slice(0, 5)] })],
    ['a line of an unknown kind', withFirstLine(0, 'reminder')],
    ['a line with a start that is not a day', withFirstLine(1, '29 Nov')],
    ['a line with an end that is not a day', withFirstLine(2, 5)],
    ['a line without a priority', withFirstLine(3, null)],
    ['a line with a rank that is text', withFirstLine(4, '0')],
    ['a line without text', withFirstLine(5, null)],
  ])('is not used when it is %s', (_what, text) => {
    expect(parseMirror(text)).toBeNull();
  });

  it('a stamp that is not a stat’s numbers can be read but never matches a journal', () => {
    const odd = parseMirror(JSON.stringify({ ...written, signature: { journal: { ...written.signature.journal, ino: '-1' }, wal: null } }));
    expect(odd).not.toBeNull();
    expect(sameSignature(odd!.signature, signature())).toBe(false);
  });
});

describe('sameSignature', () => {
  it('holds for equal signatures, with or without a -wal', () => {
    expect(sameSignature(signature(), signature())).toBe(true);
    expect(sameSignature(MIRROR.signature, structuredClone(MIRROR.signature))).toBe(true);
  });

  it.each(['dev', 'ino', 'size', 'mtimeNs', 'ctimeNs'] as const)('fails when only the journal’s %s differs', (key) => {
    expect(sameSignature(signature(), signature({ journal: stamp({ [key]: '1' }) }))).toBe(false);
    expect(sameSignature(MIRROR.signature, { ...MIRROR.signature, wal: { ...MIRROR.signature.wal!, [key]: '1' } })).toBe(false);
  });

  it('fails when a -wal appeared or went', () => {
    expect(sameSignature(signature(), signature({ wal: stamp() }))).toBe(false);
    expect(sameSignature(signature({ wal: stamp() }), signature())).toBe(false);
  });
});

describe('settledBefore', () => {
  const at = (ns: bigint) => String(ns);
  const T = 1_795_684_378_858_917_212n;

  it('holds only when every time in the signature is older than the probe’s', () => {
    expect(settledBefore(signature({ journal: stamp({ mtimeNs: at(T), ctimeNs: at(T) }) }), T + 1n)).toBe(true);
    // The same tick: a change right after could look exactly alike.
    expect(settledBefore(signature({ journal: stamp({ mtimeNs: at(T), ctimeNs: at(T) }) }), T)).toBe(false);
    expect(settledBefore(signature({ journal: stamp({ mtimeNs: at(T - 5n), ctimeNs: at(T) }) }), T)).toBe(false);
    expect(settledBefore(signature({ journal: stamp({ mtimeNs: at(T - 5n), ctimeNs: at(T - 5n) }), wal: stamp({ mtimeNs: at(T - 5n), ctimeNs: at(T + 3n) }) }), T)).toBe(false);
    expect(settledBefore(signature({ journal: stamp({ mtimeNs: at(T - 5n), ctimeNs: at(T - 5n) }), wal: stamp({ mtimeNs: at(T - 5n), ctimeNs: at(T - 1n) }) }), T)).toBe(true);
  });
});

describe('firstPlanned', () => {
  const lines = [
    line({ fromDay: '2026-11-29', untilDay: '2026-11-29', text: 'today' }),
    line({ priority: 2, fromDay: '2026-11-30', untilDay: '2026-12-05', text: 'later' }),
    line({ kind: 'rhythm', priority: 3, fromDay: '2026-11-20', untilDay: null, text: 'rhythm' }),
  ];

  it('takes the first line, in the plan’s order, whose days include today', () => {
    expect(firstPlanned(lines, '2026-11-29')?.text).toBe('today');
    expect(firstPlanned(lines, '2026-12-01')?.text).toBe('later');
    expect(firstPlanned(lines, '2026-12-06')?.text).toBe('rhythm');
    expect(firstPlanned(lines, '2026-11-19')).toBeNull();
    expect(firstPlanned([], '2026-11-29')).toBeNull();
  });
});

describe('firstPlanned over the plan as readNudgePlan orders it answers as the one-row SQL query did', () => {
  let dir: string;
  let journal: Journal;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'connect-mirror-'));
    journal = openForWriting(join(dir, 'journal.db')).journal;
  });
  afterAll(() => {
    journal.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const DAYS = ['2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29'];
  const day = fc.constantFrom(...DAYS);
  const row = fc.record({
    kind: fc.constantFrom('touchpoint' as const, 'rhythm' as const),
    fromDay: day,
    untilDay: fc.option(day, { nil: null }),
    priority: fc.integer({ min: 1, max: 3 }),
    rank: fc.constantFrom(0, -1.5, -2.25, 0.5),
    text: fc.constantFrom('a', 'b', 'c', 'd', ''),
  });

  it('for any plan and any day', () => {
    const { db } = journal;
    const insert = db.prepare('INSERT INTO nudge_plan(kind, subject, from_day, until_day, priority, rank, text) VALUES (?, ?, ?, ?, ?, ?, ?)');
    // The query the nudge ran before the mirror: the applicable row with the lowest (priority, rank, latest start, id).
    const before = db.prepare(
      `SELECT kind, text FROM nudge_plan WHERE from_day <= @today AND (until_day IS NULL OR until_day >= @today)
       ORDER BY priority, rank, from_day DESC, id LIMIT 1`,
    );
    fc.assert(
      fc.property(fc.array(row, { maxLength: 12 }), day, (rows, today) => {
        db.exec('DELETE FROM nudge_plan');
        rows.forEach((r, i) => insert.run(r.kind, `s${i}`, r.fromDay, r.untilDay, r.priority, r.rank, r.text));
        const expected = (before.get({ today }) as { kind: string; text: string } | undefined) ?? null;
        const planned = firstPlanned(readNudgePlan(db)!.lines, today);
        expect(planned && { kind: planned.kind, text: planned.text }).toEqual(expected);
        // And the mirror carries the very same lines.
        const mirrored = parseMirror(mirrorText({ signature: signature(), ...readNudgePlan(db)! }));
        expect(mirrored?.lines).toEqual(readNudgePlan(db)!.lines);
      }),
      { numRuns: 300 },
    );
  });
});

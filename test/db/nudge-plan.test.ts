import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseEvery } from '../../src/core/every';
import type { InteractionInput } from '../../src/core/types';
import { insertInteraction } from '../../src/db/entries';
import { openForWriting, type Journal } from '../../src/db/journal';
import { firstPlanned } from '../../src/core/nudge';
import { dayOf, keepOn, viewDue } from '../../src/core/schedule';
import { dayKey } from '../../src/core/local-day';
import { refreshNudgePlan, updateNudgePlan } from '../../src/db/nudge-plan';
import { readNudgePlan } from '../../src/db/nudge-read';
import { resolveOrCreate } from '../../src/db/people';
import { insertTouchpoint, listTouchpoints, saveSchedule } from '../../src/db/touchpoints';

const NOW = new Date('2026-11-26T10:00:00Z');
const DAY = 86_400_000;

let dir: string;
let journal: Journal;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'connect-plan-'));
  journal = openForWriting(join(dir, 'journal.db'), { afterWrite: [refreshNudgePlan] }).journal;
});
afterEach(() => {
  journal.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A call that felt good (mood up, safe, close), or with `heavy` one that went with feeling worse. */
const call = (at: Date, heavy: boolean): InteractionInput => ({
  at,
  people: [],
  channel: 'call',
  activity: null,
  small: false,
  minutes: null,
  moodBefore: heavy ? 4 : 2,
  moodAfter: heavy ? 2 : 4,
  felt: heavy ? [] : ['safe'],
  quality: heavy ? 1 : 5,
  initiated: null,
  note: null,
  touchpointId: null,
});

function log(name: string, at: Date, heavy = false): void {
  journal.write(NOW, 'log', () => {
    const { people } = resolveOrCreate(journal.db, NOW, [name]);
    insertInteraction(journal.db, NOW, { ...call(at, heavy), people: [name] }, people);
  });
}

/** Weekly contacts ending `daysAgo` days before NOW. */
function weekly(name: string, daysAgo: number, heavy = false, count = 6): void {
  for (let i = count - 1; i >= 0; i--) log(name, new Date(NOW.getTime() - (daysAgo + i * 7) * DAY), heavy);
}

const plan = () =>
  journal.db
    .prepare(
      'SELECT kind, person_id, from_day, until_day, priority, rank, text FROM nudge_plan ORDER BY priority, person_id, from_day, text',
    )
    .all();

/** From now on, every person whose rhythm line is worked out again is noted in the temporary table `written`. */
function noteWrittenPeople(): void {
  journal.db.exec(
    'CREATE TEMP TABLE written(person_id INTEGER); CREATE TEMP TRIGGER note_written AFTER INSERT ON nudge_plan WHEN new.person_id IS NOT NULL BEGIN INSERT INTO written VALUES (new.person_id); END;',
  );
}

/** What `read` sees in the plan as it would be worked out from nothing at `now`, without keeping it. */
function fromScratch<T>(read: () => T, now = NOW): T {
  const { db } = journal;
  db.exec('SAVEPOINT scratch');
  try {
    db.exec('DELETE FROM nudge_plan; INSERT OR IGNORE INTO nudge_stale_people SELECT id FROM people;');
    updateNudgePlan(db, now);
    return read();
  } finally {
    db.exec('ROLLBACK TO scratch; RELEASE scratch');
  }
}

describe('the nudge plan kept by every write', () => {
  beforeEach(() => {
    weekly('Mum', 30);
    weekly('Kai', 20);
    weekly('Lee', 25, true);
    weekly('Ana', 2);
  });

  it('holds a line for each warm rhythm, from the day it goes quiet', () => {
    const rows = plan() as { kind: string; text: string; from_day: string }[];
    expect(rows.map((r) => r.text).join('\n')).toMatch(/Mum/);
    expect(rows.map((r) => r.text).join('\n')).toMatch(/Kai/);
    // Time with Lee tends to go with feeling worse: no nudge towards it.
    expect(rows.map((r) => r.text).join('\n')).not.toMatch(/Lee/);
    // Ana was seen two days ago, weekly: her line waits until 11 days after.
    const ana = rows.find((r) => r.text.includes('Ana'));
    expect(ana?.from_day).toBe('2026-12-05');
    expect(journal.db.prepare('SELECT count(*) FROM nudge_stale_people').pluck().get()).toBe(0);
  });

  it('after each kind of change is the same as one worked out from nothing', () => {
    const steps: [string, () => void][] = [
      ['a new call with Mum', () => log('Mum', new Date(NOW.getTime() - DAY))],
      [
        'an entry deleted',
        () =>
          journal.write(NOW, 'delete', () =>
            journal.db
              .prepare(
                "UPDATE entries SET deleted_at = ? WHERE id = (SELECT max(entry_id) FROM entry_people ep JOIN people p ON p.id = ep.person_id WHERE p.name = 'Kai')",
              )
              .run(NOW.getTime()),
          ),
      ],
      [
        'a mood edited',
        () =>
          journal.write(NOW, 'edit', () =>
            journal.db
              .prepare(
                "UPDATE entries SET mood_after = 1 WHERE id IN (SELECT entry_id FROM entry_people ep JOIN people p ON p.id = ep.person_id WHERE p.name = 'Ana')",
              )
              .run(),
          ),
      ],
      [
        'someone renamed',
        () =>
          journal.write(NOW, 'rename', () =>
            journal.db.prepare("UPDATE people SET name = 'Kai Lin' WHERE name = 'Kai'").run(),
          ),
      ],
      [
        'someone archived',
        () =>
          journal.write(NOW, 'archive', () =>
            journal.db.prepare("UPDATE people SET archived = 1 WHERE name = 'Mum'").run(),
          ),
      ],
      [
        'a touchpoint with Kai',
        () =>
          journal.write(NOW, 'touchpoint', () => {
            const { people } = resolveOrCreate(journal.db, NOW, ['Kai Lin']);
            insertTouchpoint(
              journal.db,
              NOW,
              {
                title: 'Sunday call',
                every: parseEvery('week on sunday'),
                channel: null,
                activity: null,
                from: NOW,
                nextDue: new Date(2026, 10, 29),
              },
              people,
            );
          }),
      ],
      [
        'the touchpoint paused',
        () => journal.write(NOW, 'pause', () => journal.db.prepare('UPDATE touchpoints SET paused = 1').run()),
      ],
    ];
    for (const [what, change] of steps) {
      change();
      expect(plan(), what).toEqual(fromScratch(plan));
    }
    expect((plan() as { text: string }[]).some((r) => r.text.includes('Kai Lin'))).toBe(true);
  });

  it('works out again only the rhythm of the person a write touched', () => {
    noteWrittenPeople();
    log('Ana', new Date(NOW.getTime() - DAY));
    const ana = journal.db.prepare("SELECT id FROM people WHERE name = 'Ana'").pluck().get();
    expect(journal.db.prepare('SELECT person_id FROM written').pluck().all()).toEqual([ana]);
  });
});

describe('touchpoints in the plan', () => {
  const at = (days: number) => new Date(NOW.getTime() + days * DAY);
  const write = (now: Date, change: () => void) => journal.write(now, 'step', change);
  /** What the nudge would say on each of the 14 days from `now`. */
  const answers = (now: Date) =>
    Array.from(
      { length: 14 },
      (_, i) =>
        firstPlanned(readNudgePlan(journal.db)!.lines, dayKey(dayOf(at((now.getTime() - NOW.getTime()) / DAY + i))))
          ?.text ?? null,
    );
  const touchpoint = (title: string, every: string, names: string[], nextDue: Date) =>
    write(NOW, () => {
      const { people } = resolveOrCreate(journal.db, NOW, names);
      insertTouchpoint(
        journal.db,
        NOW,
        { title, every: parseEvery(every), channel: null, activity: null, from: NOW, nextDue },
        people,
      );
    });

  beforeEach(() => {
    // Two due the same day (ties go the way a plan from nothing settles them), one floating, one monthly.
    touchpoint('Sunday call', 'week on sunday', ['Mum'], new Date(2026, 10, 29));
    touchpoint('Board games', 'week on sunday', ['Ana', 'Bo'], new Date(2026, 10, 29));
    touchpoint('Voice message', '4 days', ['Dad'], new Date(2026, 10, 27));
    touchpoint('Book club', 'month on the first tuesday', ['Lee'], new Date(2026, 11, 1));
  });

  it('says what a plan from nothing says, day after day, through keeping, renaming and time passing', () => {
    const keep = (title: string, now: Date) =>
      write(now, () => {
        const found = listTouchpoints(journal.db).find((t) => t.title === title)!;
        saveSchedule(journal.db, now, found, keepOn(found, dayOf(now))!);
      });
    const steps: [string, Date, () => void][] = [
      ['nothing yet', NOW, () => {}],
      ['the voice message kept', at(1), () => keep('Voice message', at(1))],
      ['a quiet day later', at(2), () => log('Sam', at(2))],
      [
        'Ana renamed',
        at(3),
        () => write(at(3), () => journal.db.prepare("UPDATE people SET name = 'Anna' WHERE name = 'Ana'").run()),
      ],
      ['the Sunday call kept', at(3), () => keep('Sunday call', at(3))],
      ['a week on, another call', at(10), () => log('Sam', at(10))],
      ['board games kept late', at(12), () => keep('Board games', at(12))],
      [
        'book club given up',
        at(13),
        () =>
          write(at(13), () =>
            journal.db.prepare("UPDATE touchpoints SET deleted_at = ? WHERE title = 'Book club'").run(at(13).getTime()),
          ),
      ],
      ['three weeks on', at(24), () => log('Sam', at(24))],
    ];
    for (const [what, now, step] of steps) {
      step();
      expect(answers(now), what).toEqual(fromScratch(() => answers(now), now));
      // The day of the rename is board games' day: its line names Anna straight away.
      if (what === 'Ana renamed') expect(answers(now)[0]).toMatch(/Board games with Anna/);
    }
  });
});

describe('each touchpoint’s lines, day by day', () => {
  it('say "today" on its due day and "a little while" while its window is open, as viewDue sees every day', () => {
    const rhythms = [
      'week on sunday',
      '2 weeks on friday',
      'month on the first tuesday',
      'month on the 31st',
      '4 days',
      '2 weeks',
      'day',
    ];
    const names = ['Mum', 'Ana', 'Lee', 'Kai', 'Dad', 'Jo', 'Bo'];
    journal.write(NOW, 'touchpoints', () => {
      rhythms.forEach((every, i) => {
        const { people } = resolveOrCreate(journal.db, NOW, [names[i]]);
        const from = new Date(NOW.getTime() - (i * 5 + 3) * DAY);
        insertTouchpoint(
          journal.db,
          NOW,
          { title: `T${i}`, every: parseEvery(every), channel: null, activity: null, from, nextDue: dayOf(from) },
          people,
        );
      });
    });
    const lines = readNudgePlan(journal.db)!.lines;
    for (const touchpoint of listTouchpoints(journal.db)) {
      const own = lines.filter((l) => l.text.includes(`${touchpoint.title} with`));
      for (let i = -1; i < 42; i++) {
        const day = dayOf(new Date(NOW.getTime() + i * DAY));
        const view = viewDue(touchpoint, day);
        const expected = view.status !== 'due' ? null : view.late ? 'later' : 'today';
        const said = firstPlanned(own, dayKey(day));
        const got = said === null ? null : said.text.startsWith('Today') ? 'today' : 'later';
        expect(got, `${touchpoint.title} (${touchpoint.every.kind}) on ${dayKey(day)}`).toBe(expected);
      }
    }
  });
});

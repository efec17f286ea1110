import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDaylio, parseDaylioTime, parseMoodMap } from '../../src/core/import-daylio';
import { UsageError } from '../../src/errors';

const fixture = readFileSync(join(__dirname, '../fixtures/daylio.csv'), 'utf8');
const HEADER = 'full_date,date,weekday,time,mood,activities,note_title,note\n';

describe('Daylio CSV', () => {
  it('reads every row of the fixture as a mood in local time, newest first as Daylio writes them', () => {
    const moods = parseDaylio(fixture);
    expect(moods).toHaveLength(32);
    expect(moods[0].at.getHours()).toBe(18);
    expect(moods[0].at.getMinutes()).toBe(50);
    expect(moods[0].at.toISOString()).toBe('2020-05-30T16:50:00.000Z'); // Berlin summer time
    expect(moods[0].mood).toBe(5);
    expect(moods[0].note).toBe('Awesome\nActivities: friends, gaming, programming, nap');
    const meh24h = moods.find((m) => m.note?.startsWith('Could be better'));
    expect(meh24h?.at.getHours()).toBe(14);
    expect(meh24h?.mood).toBe(3);
    expect(moods.filter((m) => m.mood === 1)).toHaveLength(2);
    expect(moods.find((m) => m.line === 4)?.note).toBeNull();
  });

  it('gives each row the same id on every read, and two identical rows two ids', () => {
    const twice = `${HEADER}2020-05-30,30 May,Saturday,8:02 am,rad,,,\n2020-05-30,30 May,Saturday,8:02 am,rad,,,\n`;
    const [a, b] = parseDaylio(twice);
    expect(a.uuid).not.toBe(b.uuid);
    expect(parseDaylio(twice).map((m) => m.uuid)).toEqual([a.uuid, b.uuid]);
    expect(a.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('keeps quoted notes with commas, quotes and line breaks, and the note title', () => {
    const text = `${HEADER}2021-01-02,2 Jan,Saturday,12:05 AM,good,walk | friends,"Park, then tea","She said ""hi"",\nthen left 🙂"\n`;
    const [mood] = parseDaylio(text);
    expect(mood.note).toBe('Park, then tea\nShe said "hi",\nthen left 🙂\nActivities: walk, friends');
    expect(mood.at.getHours()).toBe(0);
  });

  it('reads columns by name, so a reordered or extended header still works', () => {
    const [mood] = parseDaylio('mood,time,full_date,scales\nawful,23:10,2022-03-04,x\n');
    expect(mood.mood).toBe(1);
    expect(mood.at.getHours()).toBe(23);
  });

  it('lists every unknown label at once, and takes --map for renamed ones', () => {
    const text = `${HEADER}2020-05-30,30 May,Saturday,6:50 pm,super,,,\n2020-05-30,30 May,Saturday,7:50 pm,so so,,,\n2020-05-30,30 May,Saturday,8:50 pm,rad,,,\n`;
    expect(() => parseDaylio(text)).toThrow(/"super", "so so"/);
    const moods = parseDaylio(text, parseMoodMap(['super=5', 'So So = 3']));
    expect(moods.map((m) => m.mood)).toEqual([5, 3, 5]);
    expect(parseDaylio(text, parseMoodMap(['super=5', 'so so=3', 'rad=4']))[2].mood).toBe(4);
  });

  it.each([
    ['a map without a number', ['super']],
    ['a mood out of range', ['super=6']],
    ['an empty label', ['=3']],
  ])('refuses %s', (_, map) => {
    expect(() => parseMoodMap(map)).toThrow(UsageError);
  });

  it.each([
    ['6:50 pm', 18, 50],
    ['12:05 am', 0, 5],
    ['12:30 PM', 12, 30],
    ['6:50 p.m.', 18, 50],
    ['18:50', 18, 50],
    ['00:00', 0, 0],
    ['7:09:30', 7, 9],
  ])('reads the time %s', (text, hours, minutes) => {
    expect(parseDaylioTime(text)).toEqual({ hours, minutes });
  });

  it.each(['25:00', '13:00 pm', '0:30 am', '6:60 pm', 'noon', ''])('does not read %j as a time', (text) => {
    expect(parseDaylioTime(text)).toBeNull();
  });

  it.each([
    ['friends.md', readFileSync(join(__dirname, '../fixtures/friends.md'), 'utf8')],
    ['JSON', '{"format":"connect-journal"}'],
    ['binary', '\u0000\u0001\u0002'],
    ['a bad date', `${HEADER}2020-02-30,,,6:50 pm,rad,,,\n`],
    ['a bad time', `${HEADER}2020-02-03,,,half past six,rad,,,\n`],
    ['a header with neither full_date nor year', 'date,weekday,time,mood\n15 May,Monday,6:50 pm,rad\n'],
  ])('refuses %s with a usage error naming what it expected', (_, text) => {
    expect(() => parseDaylio(text)).toThrow(UsageError);
  });

  it('never throws anything but a usage error (property)', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', '1', ':', ' ', 'pm', ',', '"', '\n', '-', 'rad') });
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 12 }), (cells) => {
        try {
          parseDaylio(`${HEADER}${cells.join(',')}\n`);
        } catch (error) {
          expect(error).toBeInstanceOf(UsageError);
        }
      }),
    );
  });

  describe('the files people really have', () => {
    const read = (name: string) => readFileSync(join(__dirname, '../fixtures/daylio', name), 'utf8');
    const NOW = new Date(2026, 10, 30, 12);

    it('reads the older header (year, "18 May" or "May 16") with its note column', () => {
      const moods = parseDaylio(read('older-header.csv'), {}, 'older-header.csv', NOW);
      expect(
        moods.map((m) => [m.at.getFullYear(), m.at.getMonth() + 1, m.at.getDate(), m.at.getHours(), m.mood]),
      ).toEqual([
        [2018, 5, 18, 23, 5],
        [2018, 5, 17, 22, 3],
        [2018, 5, 16, 23, 1],
      ]);
      expect(moods[0].note).toBe('Went to a party\nActivities: clean, cook, music');
      expect(moods[2].note).toBe('Did nothing today.');
    });

    it('names the older form when its date cannot be read', () => {
      expect(() => parseDaylio('year,date,weekday,time,mood\n2018,31 Smarch,Friday,9:00 pm,rad\n')).toThrow(
        'line 2: cannot read the date "2018 31 Smarch"; expected a year and a day like 18 May.',
      );
    });

    it('keeps a row with a surplus trailing field, the field back in its note with its comma', () => {
      const moods = parseDaylio(read('surplus-field.csv'), {}, 'surplus-field.csv', NOW);
      expect(moods).toHaveLength(4);
      expect(moods[3].line).toBe(5);
      expect(moods[3].note).toBe('Pizza, then a film');
    });

    it('keeps unknown columns in the note as "name: value", and says nothing of empty ones', () => {
      const [picnic, quiet] = parseDaylio(read('extra-columns.csv'), {}, 'extra-columns.csv', NOW);
      expect(picnic.note).toBe('Picnic\nActivities: friends\nweather: sunny\nlocation: Park');
      expect(quiet.note).toBeNull();
      expect(quiet.mood).toBe(2);
    });

    it('keeps surplus fields under a header that does not end with the note', () => {
      const [mood] = parseDaylio('mood,full_date,time\ngood,2023-05-15,9:00 pm,extra,more\n');
      expect(mood.note).toBe('More fields: extra, more');
    });

    it('reads the scales column into the note, and dates written 2023-5-15', () => {
      const [first, second] = parseDaylio(read('scales-short-dates.csv'), {}, 'scales-short-dates.csv', NOW);
      expect([first.at.getMonth() + 1, first.at.getDate(), second.at.getDate()]).toEqual([5, 15, 9]);
      expect(first.note).toBe('Quiet day\nActivities: reading\nScales: Sleep Quality: 8/10 points, Energy: 3/5 points');
      expect(second.note).toBeNull();
    });

    it('reads an empty file, or one with only its header, as an empty journal', () => {
      expect(parseDaylio(read('empty.csv'))).toEqual([]);
      expect(parseDaylio('\uFEFF\n \n')).toEqual([]);
      expect(parseDaylio(HEADER)).toEqual([]);
    });

    it('refuses a row dated in the future by the rule --when uses, naming the row', () => {
      expect(() => parseDaylio(read('future-row.csv'), {}, 'future-row.csv', NOW)).toThrow(
        'future-row.csv line 3: 2099-01-01 9:00 pm is in the future; connect keeps what already happened.',
      );
      expect(() => parseDaylio(`${HEADER}9999-12-31,,,9:00 pm,rad,,,\n`, {}, 'x.csv', NOW)).toThrow(
        /line 2: 9999-12-31/,
      );
      // A minute's grace, as for --when: a row written just now is not refused.
      const justNow = `${HEADER}2026-11-30,,,12:01 pm,rad,,,\n`;
      expect(parseDaylio(justNow, {}, 'x.csv', NOW)).toHaveLength(1);
      expect(() => parseDaylio(`${HEADER}2026-11-30,,,12:02 pm,rad,,,\n`, {}, 'x.csv', NOW)).toThrow(/future/);
    });

    it('keeps the ids of rows in the format it always read', () => {
      const row = '2020-05-30,30 May,Saturday,6:50 pm,rad,friends | gaming | programming | nap,,Awesome';
      expect(parseDaylio(`${HEADER}${row}\n`)[0].uuid).toBe(parseDaylio(fixture)[0].uuid);
      expect(parseDaylio(`${HEADER}${row}\n`)[0].uuid).toBe('7b1e80db-24f6-52b4-9629-cc9e60c50696'); // as the hand-written reader gave it;
    });
  });
});

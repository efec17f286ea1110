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
    ['an empty file', ''],
    ['JSON', '{"format":"connect-journal"}'],
    ['binary', '\u0000\u0001\u0002'],
    ['a bad date', `${HEADER}2020-02-30,,,6:50 pm,rad,,,\n`],
    ['a bad time', `${HEADER}2020-02-03,,,half past six,rad,,,\n`],
    ['too many fields', `${HEADER}2020-02-03,,,6:50 pm,rad,,,a,b\n`],
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
});

import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { sandbox, type RunResult, type Sandbox } from './run';

/** What happened in one logged connection, in the words of the story. */
export interface Moment {
  at: string;
  channel?: string;
  activity?: string;
  minutes?: number;
  /** Mood before and after. */
  mood?: [number | null, number];
  quality?: number;
  felt?: string;
  touchpoint?: string;
  note?: string;
}

/** A journal told as a story, written through the real binary: story.met('Sam', {...}); story.felt(4, '...'). */
export class Story {
  readonly box: Sandbox;

  constructor(options: { now?: string; tz?: string } = {}) {
    this.box = sandbox(options);
  }

  private must(args: string[]): RunResult {
    const result = this.box.run(args);
    expect(result.stderr, `connect ${args.join(' ')}`).toBe('');
    expect(result.code, `connect ${args.join(' ')}`).toBe(0);
    return result;
  }

  met(people: string | string[], moment: Moment): this {
    const args = ['log', ...(Array.isArray(people) ? people : [people]), '--when', moment.at];
    if (moment.channel) args.push('--channel', moment.channel);
    if (moment.activity) args.push('--activity', moment.activity);
    if (moment.minutes !== undefined) args.push('--minutes', String(moment.minutes));
    if (moment.mood?.[0] != null) args.push('--before', String(moment.mood[0]));
    if (moment.mood) args.push('--after', String(moment.mood[1]));
    if (moment.quality !== undefined) args.push('--quality', String(moment.quality));
    if (moment.felt) args.push('--felt', moment.felt);
    if (moment.touchpoint) args.push('--touchpoint', moment.touchpoint);
    if (moment.note) args.push('--note', moment.note);
    this.must(args);
    return this;
  }

  smallMoment(at: string, note = 'a few words with the barista'): this {
    this.must(['log', '--small', '--when', at, '--note', note]);
    return this;
  }

  felt(mood: number, at: string): this {
    this.must(['mood', String(mood), '--when', at]);
    return this;
  }

  /** A loneliness check-in taken at an instant (the command has no --when, so the clock is moved). */
  checkin(answers: string, at: string): this {
    const result = this.box.run(['checkin', '--answers', answers], { now: at });
    expect(result.code, result.stderr).toBe(0);
    return this;
  }

  setting(key: string, value: string): this {
    this.must(['config', 'set', key, value]);
    return this;
  }

  /** A touchpoint with someone, straight into the table (another command owns creating them); returns its id. */
  touchpoint(title: string, withWhom: string, nextDue: string, every = 'week'): string {
    this.box.run(['people', 'add', withWhom]); // already there is fine
    const uuid = randomUUID();
    const db = new Database(this.box.db);
    const stamp = Date.now();
    const { lastInsertRowid } = db
      .prepare(
        'INSERT INTO touchpoints(uuid, title, every, anchor, next_due, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(uuid, title, every, nextDue, nextDue, stamp, stamp);
    const person = db.prepare('SELECT id FROM people WHERE name = ?').pluck().get(withWhom);
    db.prepare('INSERT INTO touchpoint_people(touchpoint_id, person_id) VALUES (?, ?)').run(lastInsertRowid, person);
    db.close();
    return uuid;
  }

  run(...args: string[]): RunResult {
    return this.box.run(args);
  }

  json<T = any>(...args: string[]): T {
    const result = this.box.run([...args, '--json']);
    expect(result.code, result.stderr).toBe(0);
    return result.json<T>();
  }

  cleanup(): void {
    this.box.cleanup();
  }
}

/** Words connect never prints: pressure, shame, streaks, alarm — and any claim of cause. */
export const HARSH =
  /overdue|failed|streak|you should|you must|neglect|missed|\bcaus(e|es|ed|ing)\b|because|leads? to|results? in|makes you|improves|due to/i;

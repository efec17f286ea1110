import type { ChalkInstance } from 'chalk';
import { format } from 'date-fns/format';
import { describeEvery, formatEvery } from '../core/every';
import { dayWords, HARD_RIGHT_NOW, lateWords, type NextPlan, type Suggestion } from '../core/next';
import { viewDue, type Touchpoint } from '../core/schedule';
import { joinNames, shortId } from './entries';
import { dateJson } from './json';

/** The touchpoint shape of SPEC: where it stands today, absent values null. */
export function touchpointJson(touchpoint: Touchpoint, now: Date): Record<string, unknown> {
  const view = viewDue(touchpoint, now);
  return {
    id: touchpoint.id,
    title: touchpoint.title,
    people: touchpoint.people,
    every: formatEvery(touchpoint.every),
    channel: touchpoint.channel,
    activity: touchpoint.activity,
    paused: touchpoint.paused,
    nextDue: dateJson(view.due),
    lastKept: touchpoint.lastKept ? dateJson(touchpoint.lastKept) : null,
    status: view.status,
    from: dateJson(touchpoint.anchor),
  };
}

/** "Sunday call with Mum" — without repeating a name the title already holds. */
export function touchpointName(touchpoint: Pick<Touchpoint, 'title' | 'people'>): string {
  const missing = touchpoint.people.filter((name) => !touchpoint.title.toLowerCase().includes(name.toLowerCase()));
  return missing.length > 0 ? `${touchpoint.title} with ${joinNames(missing)}` : touchpoint.title;
}

/** Where a touchpoint stands, in a few calm words. */
export function dueLine(touchpoint: Touchpoint, now: Date): string {
  const view = viewDue(touchpoint, now);
  if (view.status === 'paused') return 'paused — resume it whenever you like';
  if (view.late) return lateWords(view.following, now);
  if (view.status === 'due') return 'today';
  return `coming up ${dayWords(view.due, now)}`;
}

export function touchpointLines(touchpoint: Touchpoint, now: Date, c: ChalkInstance): string[] {
  const details = [describeEvery(touchpoint.every)];
  if (touchpoint.channel) details.push(touchpoint.channel.replace('-', ' '));
  if (touchpoint.activity) details.push(touchpoint.activity);
  details.push(dueLine(touchpoint, now));
  if (touchpoint.lastKept) details.push(`last kept ${format(touchpoint.lastKept, 'EEE d MMM')}`);
  return [`${c.dim(shortId(touchpoint.id))}  ${c.bold(touchpointName(touchpoint))}`, `          ${c.dim(details.join(' · '))}`];
}

/** What `log` adds when an interaction keeps a touchpoint. */
export function keptLine(touchpoint: Touchpoint, now: Date): string {
  const view = viewDue(touchpoint, now);
  return `That keeps your ${touchpointName(touchpoint)}. The next one is ${dayWords(view.due, now).replace(/^on /, '')}.`;
}

export function suggestionJson(item: Suggestion): Record<string, unknown> {
  return {
    title: item.title,
    people: item.people,
    due: item.due ? dateJson(item.due) : null,
    status: item.status,
    touchpointId: item.touchpointId,
    reason: item.reason,
    kind: item.kind,
    command: item.command,
  };
}

export function nextLines(plan: NextPlan, now: Date, c: ChalkInstance): string[] {
  const lines: string[] = [];
  if (plan.gentle) lines.push(HARD_RIGHT_NOW, '');
  plan.items.forEach((item, index) => {
    const when = item.status === 'suggested' || !item.due ? '' : c.dim(` · ${dayWords(item.due, now).replace(/^on /, '')}`);
    const title = item.kind === 'touchpoint' ? touchpointName(item) : item.title;
    lines.push(`${index + 1}. ${c.bold(title)}${when}`);
    const reason = plan.gentle && item.kind === 'small-moment' ? item.reason.replace(`${HARD_RIGHT_NOW} `, '') : item.reason;
    lines.push(`   ${reason}`);
    if (item.command) lines.push(`   ${c.cyan(item.command)}`);
    if (item.touchpointId) lines.push(`   ${c.dim(`id ${shortId(item.touchpointId)}`)}`);
  });
  lines.push('', c.dim('One conversation, one shared moment, one step at a time is enough.'));
  return lines;
}

/** After touchpoint calendar --out. */
export function calendarSaved(events: number, path: string): string {
  return `Saved ${events} ${events === 1 ? 'touchpoint' : 'touchpoints'} to ${path} (readable by you only). Importing it again updates them in place; paused ones are left out.`;
}

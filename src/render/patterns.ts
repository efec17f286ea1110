import type { ChalkInstance } from 'chalk';
import { formatDay } from '../core/dates';
import type { Finding, PatternsResult, Section } from '../core/patterns';
import { dateJson } from './json';

/** SPEC's `patterns` shape: since, entries, findings[subject, value, n, text], with a few extras. */
export function patternsJson(result: PatternsResult) {
  return {
    since: result.since ? dateJson(result.since) : null,
    entries: result.entries,
    interactions: result.interactions,
    withLift: result.withLift,
    moodCheckIns: result.moodCheckIns,
    findings: result.findings.map((f) => ({
      subject: f.subject,
      kind: f.kind,
      value: f.value,
      n: f.n,
      level: f.level,
      low: f.low,
      high: f.high,
      text: f.text,
      why: f.why,
    })),
    suggestions: result.suggestions,
  };
}

const SECTION_TITLES: Record<Section, string> = {
  people: 'People',
  channels: 'How you connect',
  activities: 'Shared activities',
  small: 'Small moments',
  felt: 'How it felt',
  time: 'Where your time goes',
  cycle: 'Connection and mood',
  loneliness: 'Loneliness check-ins',
};

export function patternsLines(result: PatternsResult, c: ChalkInstance, now: Date): string[] {
  const since = result.since ? ` since ${formatDay(result.since, now)}` : '';
  const lines = [
    `${c.bold('Patterns')}${since} ${c.dim(`· ${result.entries} ${result.entries === 1 ? 'entry' : 'entries'}`)}`,
  ];
  const bySection = new Map<Section, Finding[]>();
  for (const f of result.findings) bySection.set(f.section, [...(bySection.get(f.section) ?? []), f]);
  const shown = new Set<string>();
  for (const [section, findings] of bySection) {
    lines.push('', c.bold(SECTION_TITLES[section]), ...findings.map((f) => `  • ${f.text}`));
    // One "why" per section, each study once: enough to look it up without repeating it.
    const why = findings.find((f) => f.why && !shown.has(f.why))?.why;
    if (why) {
      shown.add(why);
      lines.push(c.dim(`  Why it matters: ${why}`));
    }
  }
  if (result.findings.length > 0) {
    lines.push(
      '',
      c.dim(
        'These are things that tend to go together in your own entries: observations, not verdicts. Under 5 entries, nothing is said.',
      ),
    );
  }
  if (result.suggestions.length > 0)
    lines.push('', ...result.suggestions.map((s) => (result.entries === 0 ? s : c.dim(s))));
  lines.push('', c.dim('connect calendar shows your connections over recent months.'));
  return lines;
}

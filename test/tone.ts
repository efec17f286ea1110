// What connect must never say (SPEC tone rule, EVIDENCE "streaks", safety wording), for every test that reads output.

const NUMBER = String.raw`(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|many|a few)`;

const SHAMING: [RegExp, string][] = [
  [/\boverdue\b/i, 'overdue'],
  [/\bfail(?:ed|ure|ures)\b/i, 'failed/failure'],
  [/\bstreaks?\b/i, 'streak'],
  [/\byou should\b/i, 'you should'],
  [/\byou must\b/i, 'you must'],
  [/\byou ought to\b/i, 'you ought to'],
  [/\bneglect(?:ed|ing|ful|s)?\b/i, 'neglect'],
  [/\blaz(?:y|iness)\b/i, 'lazy'],
  [/\b(?:fall|falls|fell|falling|fallen|get|getting|got|are|is|you(?:'|’)re|running|been)\s+behind\b/i, 'behind'],
  [/\bbehind\s+(?:on|with|schedule)\b/i, 'behind'],
  [new RegExp(String.raw`\bmissed\s+${NUMBER}\b`, 'i'), 'missed N'],
  [new RegExp(String.raw`\b${NUMBER}\s+(?:\w+\s+)?missed\b`, 'i'), 'N missed'],
  [/\byou missed\b/i, 'you missed'],
  [/\byou(?:'|’)re late\b|\byou are late\b/i, 'late'],
  [/\bwhy (?:haven|didn|don|aren)(?:'|’)?t you\b/i, 'why haven’t you'],
  [/\bshame(?:ful)?\b|\bashamed\b|\bguilty\b|\bdisappoint(?:ed|ing|ment)?\b/i, 'shame'],
  [/\byou(?:'|’)re (?:lonely|depressed)\b|\byou are (?:lonely|depressed)\b/i, 'a diagnosis'],
  [/\bbroke(?:n)? (?:your|the) (?:chain|habit|record)\b/i, 'broken chain'],
];

const ALARMING: [RegExp, string][] = [
  [/\bWARNING\b/, 'WARNING'],
  [/\bwarning:/i, 'warning:'],
  [/\burgent(?:ly)?\b/i, 'urgent'],
  [/\balarm(?:ing)?\b/i, 'alarm'],
  [/\bdanger(?:ous)?\b/i, 'danger'],
  [/\bat risk\b/i, 'at risk'],
  [/!{2,}/, 'shouting (!!)'],
  [/\b[A-Z]{3,}\b[^.\n]*!/, 'shouting (CAPS!)'],
];

// Red in ANSI (chalk level 1: 31/91 foreground, also as part of a compound code).
const RED_SPAN = /\u001b\[(?:\d+;)*(?:31|91)m([^\u001b]*)/g;
const ANSI = /\u001b\[[0-9;]*m/g;

/** Every reason `raw` (possibly coloured) would shame or alarm someone; empty when it is gentle. */
export function toneProblems(raw: string): string[] {
  const text = raw.replace(ANSI, '');
  const problems: string[] = [];
  for (const line of text.split('\n')) {
    for (const [pattern, name] of [...SHAMING, ...ALARMING]) {
      if (pattern.test(line)) problems.push(`${name}: "${line.trim()}"`);
    }
  }
  for (const match of raw.matchAll(RED_SPAN)) {
    const span = match[1];
    if (span.includes('!') || /\b[A-Z]{3,}\b/.test(span)) problems.push(`shouting in red: "${span.trim()}"`);
  }
  return problems;
}

/** The quick check the command tests run on everything they print. */
export const HARSH = /overdue|fail|streak|you should|you must|neglect|missed|behind|you're late|\blate\b/i;

/**
 * EVIDENCE.md's honest-number rules: under 5 entries nothing is said; 5–13 is "an early pattern";
 * from 14 on the figure comes with its range.
 */
export const MIN_ENTRIES = 5;
export const RANGE_ENTRIES = 14;

export type EvidenceLevel = 'too-few' | 'early' | 'established';

export function evidenceLevel(n: number): EvidenceLevel {
  if (n < MIN_ENTRIES) return 'too-few';
  return n < RANGE_ENTRIES ? 'early' : 'established';
}

export interface Summary {
  n: number;
  mean: number;
  /** A 95% interval for the mean (normal approximation); equal to the mean when n < 2. */
  low: number;
  high: number;
  level: EvidenceLevel;
}

/** The plain average; null for no values. */
export const mean = (values: readonly number[]): number | null =>
  values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;

export function summarise(values: number[]): Summary | null {
  const n = values.length;
  if (n === 0) return null;
  const average = mean(values)!;
  const variance = n > 1 ? values.reduce((a, b) => a + (b - average) ** 2, 0) / (n - 1) : 0;
  const margin = n > 1 ? 1.96 * Math.sqrt(variance / n) : 0;
  return { n, mean: average, low: average - margin, high: average + margin, level: evidenceLevel(n) };
}

/** How many values, their sum and the sum of their squares: enough for a Summary, and added up across groups. */
export interface Moments {
  n: number;
  sum: number;
  squares: number;
}

export const NO_MOMENTS: Moments = { n: 0, sum: 0, squares: 0 };

export function momentsOf(values: readonly number[]): Moments {
  let sum = 0;
  let squares = 0;
  for (const v of values) {
    sum += v;
    squares += v * v;
  }
  return { n: values.length, sum, squares };
}

export const addMoments = (a: Moments, b: Moments): Moments => ({
  n: a.n + b.n,
  sum: a.sum + b.sum,
  squares: a.squares + b.squares,
});

/**
 * A Summary from whole-number values' moments. n·Σx² − (Σx)² is exact for them, so the spread is the same
 * whichever order the values were added in, and whether they were added one by one or by the group.
 */
export function summariseMoments({ n, sum, squares }: Moments): Summary | null {
  if (n === 0) return null;
  const average = sum / n;
  const variance = n > 1 ? Math.max(0, n * squares - sum * sum) / (n * (n - 1)) : 0;
  const margin = n > 1 ? 1.96 * Math.sqrt(variance / n) : 0;
  return { n, mean: average, low: average - margin, high: average + margin, level: evidenceLevel(n) };
}

export const round1 = (value: number) => Math.round(value * 10) / 10;

/** "+0.8" / "−0.3" / "0". */
export function signed(value: number): string {
  const r = round1(value);
  if (r === 0) return '0';
  return r > 0 ? `+${r}` : `−${Math.abs(r)}`;
}

/**
 * The clock for a run: CONNECT_NOW replaces it (tests, demos) when set to an ISO 8601 instant; anything else set
 * there gives null (a usage error for a command; no nudge at all for the nudge).
 */
export function readClock(env: Record<string, string | undefined>): Date | null {
  const fixed = env.CONNECT_NOW;
  if (fixed === undefined || fixed === '') return new Date();
  const now = new Date(fixed);
  return /^\d{4}-\d{2}-\d{2}T/.test(fixed) && !Number.isNaN(now.getTime()) ? now : null;
}

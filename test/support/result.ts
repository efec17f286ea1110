/** The fixed clock and zone every test run uses unless it says otherwise. */
export const DEFAULT_NOW = '2026-11-26T10:00:00Z';
export const DEFAULT_TZ = 'Europe/Berlin';

/** What one run of connect gave back. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (throws if it is not exactly one JSON document). */
  json: <T = any>() => T;
}

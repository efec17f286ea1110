import { readlinkSync } from 'node:fs';

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

/**
 * The IANA name of the local time zone, as Intl reports it. Asking Intl.DateTimeFormat sets up ICU's date formatting
 * first (about 30 ms). A name from TZ, or, without TZ, from the link /etc/localtime makes into the zone database,
 * that is one of the canonical names Intl lists is the very name Intl would report, so it is taken as it is. That
 * list leaves UTC out; Intl reports "UTC" for the two names a machine kept on UTC gives it (TZ=UTC, or the link
 * to Etc/UTC), on Node 20, 22 and 24 alike.
 */
export function localZoneName(env: Record<string, string | undefined>): string {
  const known = (name: string | undefined): string | null => {
    if (name === 'UTC' || name === 'Etc/UTC') return 'UTC';
    return name !== undefined && name !== '' && Intl.supportedValuesOf('timeZone').includes(name) ? name : null;
  };
  if (env.TZ !== undefined) {
    const name = known(env.TZ);
    if (name !== null) return name;
  } else {
    try {
      const name = known(readlinkSync('/etc/localtime').split('/zoneinfo/')[1]);
      if (name !== null) return name;
    } catch {
      // No link (a copied file, or another system): Intl finds the zone its own way.
    }
  }
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

import { afterEach, describe, expect, it, vi } from 'vitest';
import { localZoneName } from '../src/clock';

const ORIGINAL_TZ = process.env.TZ;
afterEach(() => {
  process.env.TZ = ORIGINAL_TZ;
});

/** What Intl says the zone is, with TZ set to `tz` (Node re-reads it on assignment). */
function intlZone(tz: string): string {
  process.env.TZ = tz;
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

describe('localZoneName', () => {
  it('is the name Intl reports for every zone Intl knows, without asking Intl.DateTimeFormat', () => {
    const zones = Intl.supportedValuesOf('timeZone');
    expect(zones.length).toBeGreaterThan(300);
    for (const zone of zones) expect(localZoneName({ TZ: zone }), zone).toBe(intlZone(zone));
  });

  it('is "UTC" for a machine kept on UTC, as Intl says, without asking Intl.DateTimeFormat', () => {
    for (const tz of ['UTC', 'Etc/UTC']) {
      const expected = intlZone(tz);
      const asked = vi.spyOn(Intl, 'DateTimeFormat');
      try {
        expect(localZoneName({ TZ: tz }), tz).toBe(expected);
        expect(asked, tz).not.toHaveBeenCalled();
      } finally {
        asked.mockRestore();
      }
    }
  });

  it('leaves aliases, spellings ICU tidies and an empty TZ to Intl', () => {
    for (const tz of ['US/Eastern', ':Europe/Berlin', 'Asia/Kolkata', 'GMT', 'Etc/GMT', 'UTC0', '']) {
      const expected = intlZone(tz);
      expect(localZoneName({ TZ: tz }), tz).toBe(expected);
    }
  });
});

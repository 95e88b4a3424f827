// The tests of posts with hours rely on this helper to put a post at a chosen local hour at any hour here.
import { describe, expect, it } from 'vitest';
import { minutesUntil, zoneWhereItIs } from '../helpers/catalogue';

describe('the test catalogue’s time zones', () => {
  it('put a post at the chosen local hour, whatever the hour in UTC', () => {
    for (let utcHour = 0; utcHour < 24; utcHour += 1) {
      const now = new Date(Date.UTC(2026, 11, 6, utcHour, 17));
      for (const hour of [2, 15]) {
        const zone = zoneWhereItIs(hour, now);
        expect(new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(now)).toBe(`${String(hour).padStart(2, '0')}:17`);
        expect(minutesUntil('22:00', zone, now)).toBe((22 - hour) * 60 - 17);
      }
    }
  });
});

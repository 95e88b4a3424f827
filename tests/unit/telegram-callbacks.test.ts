import { describe, expect, it } from 'vitest';
import { decodeCallback, encodeCallback, type Callback } from '../../lib/telegram/callback-data';

describe("the bot's buttons", () => {
  it('carry their whole state within Telegram\'s 64 bytes, and read back as they were made', () => {
    const buttons: Callback[] = [
      { action: 'show', checkpointId: 'verkhny-lars' },
      { action: 'watch', checkpointId: 'zverinogolovskoye' },
      { action: 'watch', checkpointId: 'zverinogolovskoye', direction: 'out', mode: 'pedestrian' },
      { action: 'watch', checkpointId: 'zverinogolovskoye', direction: 'out', mode: 'pedestrian', belowMinutes: 360 },
      { action: 'watch', checkpointId: 'kyakhta', direction: 'in', mode: 'car', belowMinutes: null },
      { action: 'unwatch', watchId: 42 },
      { action: 'report', checkpointId: 'kyakhta', direction: 'out' },
      { action: 'say', checkpointId: 'zverinogolovskoye', direction: 'out', mode: 'bicycle', kind: 'ahead', value: 1000 },
      { action: 'signal', checkpointId: 'zverinogolovskoye', direction: 'out', mode: 'pedestrian', signal: 'draft_checks' },
      { action: 'language' },
    ];
    for (const button of buttons) {
      const data = encodeCallback(button);
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
      expect(decodeCallback(data)).toEqual(button);
    }
  });

  it('reads nothing from data no button of the bot makes', () => {
    for (const data of ['', 'cp:', 'cp:Not An Id', 'x:-1', 'x:abc', 'w:kyakhta:sideways', 'w:kyakhta:out:car:99999999', 'v:kyakhta:out:car:w:-5', 'v:kyakhta:out:car:s:party', 'v:kyakhta:out:car:z:1', 'lang:1', 'drop table']) {
      expect(decodeCallback(data), data).toBeNull();
    }
  });
});

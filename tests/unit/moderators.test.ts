import { describe, expect, it } from 'vitest';
import { formatModerators, hashToken, identifyModerator, parseModerators } from '../../lib/moderation/moderators';

describe('moderators', () => {
  const list = [
    { name: 'Anna', tokenHash: hashToken('token-of-anna') },
    { name: 'Борис', tokenHash: hashToken('token-of-boris') },
  ];

  it('read back what they wrote, skipping comments and malformed lines', () => {
    const text = `${formatModerators(list)}garbage\nEve\tsha256:short\n\tsha256:${'a'.repeat(64)}\n`;
    expect(parseModerators(text)).toEqual(list);
  });

  it('name who a token belongs to; no token is 401, an unknown one 403', () => {
    expect(identifyModerator('Bearer token-of-boris', list)).toBe('Борис');
    expect(() => identifyModerator(null, list)).toThrow(expect.objectContaining({ code: 'unauthorized' }));
    expect(() => identifyModerator('Bearer nobody', list)).toThrow(expect.objectContaining({ code: 'forbidden' }));
    expect(() => identifyModerator('Bearer token-of-anna', [])).toThrow(expect.objectContaining({ code: 'forbidden' }));
  });
});

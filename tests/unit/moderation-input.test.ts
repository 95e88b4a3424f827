// What a moderator may type: words on several lines, but no control characters.
import { describe, expect, it } from 'vitest';
import { hideInput, statusInput } from '../../lib/moderation/moderate';

describe('moderator text', () => {
  it('keeps a note of several lines, trimmed', () => {
    expect(statusInput.parse({ status: 'restricted', note: '  Только автобусы\nBuses only\t(до 18:00) ' })).toEqual({
      status: 'restricted',
      note: 'Только автобусы\nBuses only\t(до 18:00)',
    });
  });

  it.each(['\u0000', '\u0007', '\u001b[31m', '\u007f'])('refuses %j in a note or a reason', (control) => {
    const note = statusInput.safeParse({ status: 'open', note: `a${control}b` });
    expect(note.success || note.error.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['note', 'must not contain control characters']]);
    const reason = hideInput.safeParse({ hidden: true, reason: `spam${control}` });
    expect(reason.success || reason.error.issues.map((issue) => issue.path.join('.'))).toEqual(['reason']);
  });

  it('still asks for a reason of a few words', () => {
    const reason = hideInput.safeParse({ hidden: true, reason: ' x ' });
    expect(reason.success || reason.error.issues.map((issue) => issue.message)).toEqual(['say why, in a few words']);
  });
});

import { describe, expect, it } from 'vitest';
import { fieldText, refusalText } from '../../lib/ui/report-errors';
import { ERROR_STATUS } from '../../lib/errors';

describe('what a refused report tells the person', () => {
  it('says every error a report can meet in Russian, never the server\'s English', () => {
    for (const code of [...Object.keys(ERROR_STATUS), 'timeout', 'something_new']) {
      const text = refusalText({ code }, 'ru');
      expect(text, code).toMatch(/[а-яё]/i);
      expect(text, code).not.toMatch(/[a-z]{3,}/);
    }
  });

  it('names the field the server named, in Russian, and a field it did not expect too', () => {
    expect(fieldText('queueVehicles', 'ru')).toContain('Очередь');
    expect(fieldText('letThroughMinutes', 'ru')).toContain('Период');
    expect(fieldText('somethingNew.deep', 'ru')).toBe('Проверьте это поле');
  });

  it('says when to try again where the server said', () => {
    expect(refusalText({ code: 'rate_limited', retryAfter: 42 }, 'ru')).toContain('через 42 с');
    expect(refusalText({ code: 'rate_limited', retryAfter: 42 }, 'en')).toContain('in 42 s');
  });
});

import { describe, expect, it } from 'vitest';
import { fieldText, holdText, refusalText } from '../../lib/ui/report-errors';
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

  it('says the true reason a limit refused: this phone, this network, no proof', () => {
    expect(refusalText({ code: 'rate_limited', limit: 'device', retryAfter: 60 }, 'ru')).toMatch(/^С этого телефона сейчас слишком много сообщений\. Сообщение не сохранено\. Можно снова через 60 с\.$/);
    expect(refusalText({ code: 'rate_limited', limit: 'address' }, 'ru')).toContain('Из этой сети');
    expect(refusalText({ code: 'proof_required', limit: 'unproven_devices' }, 'ru')).toContain('JavaScript');
    // A limit this page does not know: the code's own words.
    expect(refusalText({ code: 'rate_limited', limit: 'something-new' }, 'ru')).toContain('слишком много сообщений отсюда');
  });

  it('says a held report will go by itself, when, and why', () => {
    const at = new Date(Date.now() + 5 * 60_000);
    const held = holdText({ code: 'rate_limited', limit: 'address', retryAt: at.toISOString() }, 'ru');
    expect(held).toContain('уйдёт само около');
    expect(held).toContain(at.toLocaleTimeString('ru-RU', { hour: '2-digit', minute: '2-digit' }));
    expect(held).toContain('Из этой сети');
    expect(holdText({ code: 'proof_pending' }, 'ru')).toBe('Сообщение ждёт и уйдёт само. Телефон готовит защиту от подделок: несколько секунд, один раз.');
    // A time already past is not promised.
    expect(holdText({ code: 'rate_limited', limit: 'device', retryAt: new Date(Date.now() - 1000).toISOString() }, 'en')).not.toContain('at about');
  });
});

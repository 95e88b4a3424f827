// Web Push's pure parts: where Kordon may send, and what a push becomes on the phone.
import { describe, expect, it } from 'vitest';
import { notificationFor, readPush } from '../../lib/alerts/push-notification';
import { DEFAULT_PUSH_SERVICE_HOSTS, hostAllowed } from '../../server/push-hosts';

describe('the push services Kordon sends to', () => {
  it('are the hosts listed, exactly or as subdomains of a *. entry, never a lookalike', () => {
    const allowed = (url: string) => hostAllowed(new URL(url), DEFAULT_PUSH_SERVICE_HOSTS);
    expect(allowed('https://fcm.googleapis.com/fcm/send/abc')).toBe(true);
    expect(allowed('https://db5p.notify.windows.com/w/?token=x')).toBe(true);
    expect(allowed('https://api.push.apple.com/3/device/x')).toBe(true);
    expect(allowed('https://notify.windows.com.evil.example/x')).toBe(false);
    expect(allowed('https://evilfcm.googleapis.com/x')).toBe(false);
    expect(allowed('https://push.apple.com/x')).toBe(false);
    expect(allowed('http://127.0.0.1:5432/x')).toBe(false);
  });
});

describe('a push on the phone', () => {
  const checkpoint = {
    name: { ru: 'Кяхта', en: 'Kyakhta' },
    status: 'closed' as const,
    estimates: [{ direction: 'out', mode: 'car', waitMinutes: 150, stale: false }] as never,
  };
  it('says what happened and the live wait, in the language of the subscription, and opens the crossing', () => {
    const push = readPush(JSON.stringify({ checkpointId: 'kyakhta', direction: 'out', mode: 'car', reason: 'below', language: 'en' }))!;
    expect(notificationFor(push, checkpoint)).toEqual({
      title: 'Kyakhta: the wait is below your threshold',
      body: 'Leaving, cars: now ≈ 2.5 h',
      url: '/checkpoints/kyakhta?direction=out&mode=car',
      tag: 'kordon-kyakhta',
    });
    expect(notificationFor({ ...push, reason: 'status', language: 'ru' }, checkpoint).title).toBe('Кяхта: пункт закрыт');
    // A number on one phone's word, or on reports that disagree, says so.
    const unsure = { ...checkpoint, estimates: [{ direction: 'out', mode: 'car', waitMinutes: 150, stale: false, confidence: 'low' }] as never };
    expect(notificationFor({ ...push, language: 'ru' }, unsure).body).toBe('Выезд, легковые: сейчас ≈ 2,5 ч (точность низкая)');
    // Offline: the words without the numbers.
    expect(notificationFor({ ...push, language: 'ru' }, null)).toMatchObject({ title: 'kyakhta: ожидание меньше порога', body: 'Выезд, легковые' });
  });

  it('is only what Kordon sends: anything else shows nothing', () => {
    for (const text of ['', 'hello', '{}', JSON.stringify({ checkpointId: '../x', direction: 'out', mode: 'car', reason: 'below' }), JSON.stringify({ checkpointId: 'kyakhta', direction: 'up', mode: 'car', reason: 'below' }),
      JSON.stringify({ checkpointId: 'kyakhta', direction: 'out', mode: 'plane', reason: 'below' }),
      JSON.stringify({ checkpointId: 'kyakhta', direction: 'out', mode: 'car', reason: 'spam' }),
      JSON.stringify({ checkpointId: 'kyakhta', direction: ['out'], mode: 'car', reason: 'below' }),
      'null']) {
      expect(readPush(text), text).toBeNull();
    }
  });
});

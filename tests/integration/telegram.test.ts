// The Telegram bot against a stand-in of the Bot API (tests/helpers/telegram-api.ts): a person asks /wait ларс,
// watches it below 6 h, reports from the web drop the wait, the bot sends exactly one alert, and /stop leaves no row
// behind. Bad input gets a clear reply and stores nothing; a report through the bot is stored like any other, with no
// trace of the chat.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, usingServer, type TestDatabase } from '../helpers/database';
import { redisPrefix, redisUrl } from '../helpers/redis';
import { connect, nextUpdate } from '../helpers/clients';
import { startPushService } from '../helpers/push-service';
import { startServer, type RunningServer } from '../helpers/server';
import { catalogueAtLocalHours, minutesUntil } from '../helpers/catalogue';
import { startTelegramStandIn, type SentMessage, type TelegramStandIn } from '../helpers/telegram-api';

const TOKEN = '123456789:TEST-token-for-the-stand-in_0123456789';
const CHAT = 700_000_001;
const MODERATOR_TOKEN = 'telegram-test-moderator-token-0123456789abcdef';
let database: TestDatabase;
let server: RunningServer;
let telegram: TelegramStandIn;
let device = 0;
/** The catalogue with Salla (08:00–22:00) at 15:00 local time and Lotta (07:00–21:00) at 02:00 when the suite starts. */
let catalogueFile: string;

beforeAll(async () => {
  telegram = await startTelegramStandIn(TOKEN);
  [database, catalogueFile] = await Promise.all([createTestDatabase(), catalogueAtLocalHours({ salla: 15, lotta: 2 })]);
  server = await startServer({ ...database.env, CATALOGUE_FILE: catalogueFile, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: telegram.url, MODERATOR_TOKEN, REPORT_LIMIT_PER_ADDRESS: '10000', ESTIMATE_TICK_MS: '1000' });
});

afterAll(async () => {
  await server?.stop();
  await telegram?.close();
  await database?.drop();
});

async function webReport(checkpointId: string, waitMinutes: number): Promise<void> {
  const response = await fetch(`${server.url}/api/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-device-key': `telegram-test-web-device-${String((device += 1)).padStart(6, '0')}` },
    body: JSON.stringify({ id: crypto.randomUUID(), checkpointId, direction: 'out', mode: 'car', waitMinutes }),
  });
  expect(response.status).toBe(201);
}

/** The bot's next message to the chat after `seen` of them, once it has sent it. */
async function next(seen: number, chat = CHAT): Promise<SentMessage> {
  await expect.poll(() => telegram.to(chat).length, { timeout: 10_000 }).toBeGreaterThan(seen);
  return telegram.to(chat)[seen]!;
}

/** Writes, and waits for the answer. */
async function say(text: string, chat = CHAT, language = 'ru'): Promise<SentMessage> {
  const seen = telegram.to(chat).length;
  telegram.write(chat, text, language);
  return next(seen, chat);
}

/** Presses the button whose text matches, and waits for what the bot sends or edits in answer. */
async function press(message: SentMessage, label: RegExp | string, chat = CHAT, language = 'ru'): Promise<SentMessage> {
  const button = message.buttons.find((b) => (typeof label === 'string' ? b.text === label : label.test(b.text)));
  expect(button, `a button ${label} in ${JSON.stringify(message.buttons.map((b) => b.text))}`).toBeDefined();
  const seen = telegram.to(chat).length;
  telegram.press(chat, message, button!.data, language);
  return next(seen, chat);
}

const rows = async (table: string, where = 'TRUE') => Number((await database.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${table}" WHERE ${where}`))[0]!.n);

describe('the Telegram bot', () => {
  it('tells the wait, watches a crossing, alerts exactly once when the web drops it, and /stop leaves nothing', async () => {
    for (let i = 0; i < 4; i += 1) await webReport('verkhny-lars', 600);

    const start = await say('/start');
    expect(start.text).toContain('Что видит Telegram');
    expect(start.text).toContain('/stop');

    const wait = await say('/wait ларс');
    expect(wait.text).toMatch(/^Верхний Ларс/);
    expect(wait.text).toMatch(/Выезд, легковые: ≈ 10 ч/);
    expect(wait.text).toContain('Статус: открыт');
    expect(wait.text).toContain(`${server.url.replace('127.0.0.1', 'localhost')}/checkpoints/verkhny-lars`);
    // Fuzzy, in either script.
    expect((await say('/wait lars')).text).toMatch(/^Верхний Ларс/);
    expect((await say('Вишневка')).text).toMatch(/^Вишн[её]вка/);

    const way = await press(wait, 'Следить');
    // Asked in a new message: the estimate above stays as it was.
    expect(way.method).toBe('sendMessage');
    const how = await press(way, 'Выезд');
    const when = await press(how, 'Легковые');
    const watching = await press(when, /меньше 6 ч/);
    expect(watching.text).toMatch(/^Слежу: Верхний Ларс – Дарьяли, выезд, легковые: меньше 6 ч/);
    expect(await rows('TelegramWatch', `"checkpointId" = 'verkhny-lars' AND armed`)).toBe(1);

    // The queue clears: people on the web say an hour. Telegram holds the alert back once (its flood limit, 429
    // with retry_after 1): the watch has fired and will not fire again, so the bot waits and sends it again.
    const before = telegram.to(CHAT).length;
    const attempts = () => telegram.calls.filter((c) => c.method === 'sendMessage' && Number(c.params.chat_id) === CHAT).length;
    const attemptsBefore = attempts();
    telegram.holdBack.set(CHAT, { times: 1, status: 429, retryAfter: 1 });
    for (let i = 0; i < 10; i += 1) await webReport('verkhny-lars', 60);
    const alert = await next(before);
    expect(alert.text).toMatch(/^Верхний Ларс – Дарьяли, выезд, легковые: теперь ≈ /);
    expect(telegram.holdBack.get(CHAT)!.times).toBe(0);
    expect(attempts() - attemptsBefore).toBe(2);
    // More reports of the same: no second alert.
    for (let i = 0; i < 3; i += 1) await webReport('verkhny-lars', 50);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(telegram.to(CHAT).slice(before).filter((m) => m.text.includes('теперь'))).toHaveLength(1);

    const list = await say('/list');
    expect(list.text).toContain('1. Верхний Ларс – Дарьяли, выезд, легковые: меньше 6 ч');

    const stop = await say('/stop');
    expect(stop.text).toContain('удалено');
    expect(await rows('TelegramChat')).toBe(0);
    expect(await rows('TelegramWatch')).toBe(0);
    // A button of the deleted watch: said clearly, nothing stored.
    const gone = await press(list, /Удалить 1/);
    expect(gone.text).toBe('Этого уже нет: наблюдение удалено раньше.');
    expect(await rows('TelegramChat')).toBe(0);
  });

  it('says an alert stands on thin evidence when it does: one phone\'s word at a quiet crossing', async () => {
    const chat = 700_000_008;
    const wait = await say('/wait Ольховка', chat);
    const watching = await press(await press(await press(await press(wait, 'Следить', chat), 'Выезд', chat), 'Легковые', chat), /меньше 6 ч/, chat);
    expect(watching.text).toMatch(/^Слежу: Ольховка/);
    const before = telegram.to(chat).length;
    await webReport('olkhovka', 60);
    const alert = await next(before, chat);
    // A person may set off on it at night: one phone said so, and the alert says how sure that is.
    expect(alert.text).toMatch(/^Ольховка – [^,]+, выезд, легковые: теперь ≈ 1 ч\. Точность низкая: сообщений мало или они расходятся\.\n/);
    await say('/stop', chat);
  });

  it('takes a report through its buttons, stored like any other and with no trace of the chat', async () => {
    const chat = 700_000_002;
    const reportsBefore = await rows('Report');
    const menu = await say('/report ларс', chat);
    const how = await press(menu, 'Выезд', chat);
    const kinds = await press(how, 'Автобусы', chat);
    const answer = await press(kinds, 'Сколько ждать: 4 ч', chat);
    expect(answer.text).toMatch(/Принято, спасибо\. Выезд, автобусы: ≈ 4 ч/);
    expect(await rows('Report')).toBe(reportsBefore + 1);
    const [stored] = await database.query<{ deviceKey: string; mode: string; waitMinutes: number }>(`SELECT "deviceKey", mode, "waitMinutes" FROM "Report" ORDER BY "createdAt" DESC LIMIT 1`);
    expect(stored).toMatchObject({ mode: 'bus', waitMinutes: 240 });
    expect(stored!.deviceKey).not.toContain(String(chat));
    // A report from a chat keeps nothing of the chat.
    expect(await rows('TelegramChat')).toBe(0);
    // The same press delivered again stores nothing twice, and is answered alike.
    const seen = telegram.to(chat).length;
    telegram.redeliverPress();
    expect((await next(seen, chat)).text).toContain('Принято');
    expect(await rows('Report')).toBe(reportsBefore + 1);
  });

  it('takes a report in one line however the wait, the cars ahead or the km are written, and asks which crossing when the name is two', async () => {
    const chat = 700_000_009;
    const reportsBefore = await rows('Report');
    // "4 ч": the unit was read as part of the name, which then found no crossing.
    const one = await say('/report Ларс 4 ч', chat);
    expect(one.text).toMatch(/^Верхний Ларс – Дарьяли\nПринято, спасибо\./);
    // "Павловка" is two crossings: the bot asks which, and the wait typed goes with the choice.
    const which = await say('/report Павловка 90 мин', chat);
    expect(which.text).toBe('Какой пункт?');
    expect(which.buttons.map((b) => b.text).sort()).toEqual(['Павловка (Славгород) – Найза', 'Павловка – Қосақ']);
    const answer = await press(which, 'Павловка – Қосақ', chat);
    expect(answer.text).toMatch(/^Павловка – Қосақ\nПринято, спасибо\. Выезд, легковые: ≈ 1,5 ч/);
    const stored = await database.query<{ checkpointId: string; waitMinutes: number }>(
      `SELECT "checkpointId", "waitMinutes" FROM "Report" ORDER BY "createdAt" DESC LIMIT 2`,
    );
    expect(stored).toEqual([
      { checkpointId: 'pavlovka-kosak', waitMinutes: 90 },
      { checkpointId: 'verkhny-lars', waitMinutes: 240 },
    ]);
    // The seed's own words: "500 cars ahead", and a queue's length, to one crossing or, with a button, to one of two.
    expect((await say('/report Вишнёвка 500 машин', chat)).text).toMatch(/^Вишнёвка – Жәнібек\nПринято, спасибо\./);
    const two = await say('/report Павловка 2,5 км', chat);
    expect((await press(two, 'Павловка (Славгород) – Найза', chat)).text).toMatch(/^Павловка \(Славгород\) – Найза\nПринято, спасибо\./);
    const queues = await database.query<{ checkpointId: string; queueVehicles: number | null; queueKm: number | null }>(
      `SELECT "checkpointId", "queueVehicles", "queueKm" FROM "Report" ORDER BY "createdAt" DESC LIMIT 2`,
    );
    expect(queues).toEqual([
      { checkpointId: 'pavlovka-naiza', queueVehicles: null, queueKm: 2.5 },
      { checkpointId: 'vishnevka', queueVehicles: 500, queueKm: null },
    ]);
    // Trucks counted are a report of the trucks' queue.
    expect((await say('/report Маштаково 40 фур', chat)).text).toMatch(/^Маштаково – [^\n]+\nПринято, спасибо\. Выезд, грузовые: /);
    const [trucks] = await database.query<{ checkpointId: string; mode: string; queueVehicles: number }>(
      `SELECT "checkpointId", mode, "queueVehicles" FROM "Report" ORDER BY "createdAt" DESC LIMIT 1`,
    );
    expect(trucks).toEqual({ checkpointId: 'mashtakovo', mode: 'truck', queueVehicles: 40 });
    // Past a report's bounds, refused at once rather than carried on a button, and nothing stored.
    expect((await say('/report Павловка 900 км', chat)).text).toMatch(/^Не принято: .*Очередь — от 0 до 100 км/);
    expect(await rows('Report')).toBe(reportsBefore + 5);
  });

  it('answers "30 let through in the last hour" at a quiet crossing with the rate, and says the wait still needs the queue', async () => {
    const chat = 700_000_005;
    const menu = await say('/report кулунда', chat);
    const kinds = await press(await press(menu, 'Выезд', chat), 'Легковые', chat);
    const answer = await press(kinds, 'Сколько пропустили за час: 30', chat);
    // Not "нет свежих данных" right after someone said something true and fresh.
    expect(answer.text).toMatch(/Принято, спасибо\. Выезд, легковые: ожидание пока неизвестно; пропускают около (28|29|30|31|32) машин в час/);
  });

  it('says what the wait usually is at this time where nobody has reported lately, as the panel does', async () => {
    // The same time of the week, three weeks running: 3, 4 and 5 hours; nothing reported today.
    for (const [weeks, wait] of [[1, 180], [2, 240], [3, 300]] as const) {
      await database.query(
        `INSERT INTO "HourlyAggregate" ("checkpointId", "direction", "mode", "hour", "waitMinutes", "low", "high", "reports")
         VALUES ('khandagayty', 'out', 'car', date_trunc('hour', now() - interval '${weeks} weeks') - interval '1 hour', $1, $1, $1, 3)`,
        [wait],
      );
    }
    // Asked until the reads' short cache (5 s) has let go of a list read before the rows went in.
    await expect
      .poll(async () => (await say('/wait Хандагайты', 700_000_006)).text, { timeout: 8_000, interval: 1_000 })
      .toContain('Выезд, легковые: нет свежих данных\nОбычно в это время недели: 3,5 ч – 4,5 ч');
  });

  it('says what the queue says in one tap under its line, as under a marker: "в очереди говорят: пункт закрыт"', async () => {
    for (let i = 0; i < 3; i += 1) {
      const response = await fetch(`${server.url}/api/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-device-key': `telegram-test-tap-device-${String((device += 1)).padStart(6, '0')}` },
        body: JSON.stringify({ id: crypto.randomUUID(), checkpointId: 'mondy', direction: 'out', mode: 'car', signal: 'closed' }),
      });
      expect(response.status).toBe(201);
    }
    await expect
      .poll(async () => (await say('/wait Монды', 700_000_007)).text, { timeout: 8_000, interval: 1_000 })
      .toContain('Выезд, легковые: нет свежих данных\nв очереди говорят: пункт закрыт');
  });

  it('answers bad input clearly and stores nothing: an unknown crossing, an absurd number, a forged button', async () => {
    const chat = 700_000_003;
    const reportsBefore = await rows('Report');
    expect((await say('/wait Атлантида', chat)).text).toBe('Не нашёл пункт «Атлантида». Попробуйте иначе: Верхний Ларс, Маштаково, Кяхта, Торфяновка.');
    expect((await say('/wait', chat)).text).toContain('Напишите название пункта');
    expect((await say('/help', chat)).text).toContain('/wait Ларс — сколько ждать сейчас');
    const absurd = await say('/report ларс 9999', chat);
    expect(absurd.text).toMatch(/^Верхний Ларс – Дарьяли\nНе принято: .*Ожидание — от 0 до 168 ч/);
    const forged = await say('/wait ларс', chat);
    const seen = telegram.to(chat).length;
    telegram.press(chat, forged, 'v:verkhny-lars:out:car:w:99999');
    expect((await next(seen, chat)).text).toMatch(/Не принято: /);
    const junk = telegram.calls.length;
    telegram.press(chat, forged, 'drop table');
    await expect.poll(() => telegram.calls.slice(junk).some((c) => c.method === 'answerCallbackQuery' && c.params.text === 'Устаревшая кнопка: начните снова с /wait.')).toBe(true);
    expect(await rows('Report')).toBe(reportsBefore);
    expect(await rows('TelegramChat')).toBe(0);
  });

  it('at a post with opening hours says them, and when a wait may run through the night', async () => {
    const chat = 700_000_006;
    // The suite's catalogue has Lotta shut for the night and Salla open in the afternoon, local time.
    await webReport('lotta', 60);
    // On the post's clock, named by its offset here (the suite moves it to an Etc/GMT zone; Lotta's is Finnish time).
    expect((await say('/wait лотта', chat)).text).toMatch(/Сейчас закрыт, откроется в 07:00 по времени UTC([+−]\d+)?;/);
    const { checkpoints } = (await (await fetch(`${server.url}/api/checkpoints`)).json()) as { checkpoints: { id: string; openingHours: { timeZone: string } | null }[] };
    const untilClosing = minutesUntil('22:00', checkpoints.find((checkpoint) => checkpoint.id === 'salla')!.openingHours!.timeZone);
    // Three people say the wait ends about when it shuts.
    for (let i = 0; i < 3; i += 1) await webReport('salla', untilClosing);
    const reply = (await say('/wait салла', chat)).text;
    expect(reply).toMatch(/^Салла/);
    expect(reply).toMatch(/Работает 08:00–22:00 по времени UTC([+−]\d+)?\n/);
    expect(reply).toMatch(/Выезд, легковые: ≈ .*\nЗакрывается в 22:00 по времени UTC([+−]\d+)?: можно не успеть, и тогда ждать до утра\n/);
  });

  it('switches language by the button under /start and by /lang, and keeps the choice for the chat', async () => {
    const chat = 700_000_005;
    const start = await say('/start', chat);
    expect((await press(start, 'English', chat)).text).toBe('Language: English.');
    expect(await rows('TelegramChat', `"chatId" = ${chat} AND language = 'en'`)).toBe(1);
    // Kept, whatever the Telegram's own language says.
    expect((await say('/wait kyakhta', chat)).text).toMatch(/^Kyakhta/);
    expect((await say('/lang', chat)).text).toBe('Язык: русский.');
    expect(await rows('TelegramChat', `"chatId" = ${chat} AND language = 'ru'`)).toBe(1);
    await say('/stop', chat);
    expect(await rows('TelegramChat', `"chatId" = ${chat}`)).toBe(0);
  });

  it('speaks English to an English Telegram, and forgets a chat that blocked the bot', async () => {
    const chat = 700_000_004;
    const start = await say('/start', chat, 'en');
    expect(start.text).toContain('What Telegram sees');
    const wait = await say('/wait kyakhta', chat, 'en');
    const way = await press(wait, 'Watch', chat, 'en');
    const how = await press(way, 'Leaving', chat, 'en');
    const when = await press(how, 'Cars', chat, 'en');
    expect((await press(when, 'only closing and opening', chat, 'en')).text).toMatch(/^Watching: Kyakhta/);
    expect(await rows('TelegramWatch', `"chatId" = ${chat}`)).toBe(1);
    telegram.blocked.add(chat);
    // A moderator closes Kyakhta: the alert cannot reach the chat, so nothing of it is kept.
    const response = await fetch(`${server.url}/api/moderation/checkpoints/kyakhta`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${MODERATOR_TOKEN}` },
      body: JSON.stringify({ status: 'closed', note: 'closed for the night' }),
    });
    expect(response.status).toBe(200);
    await expect.poll(() => rows('TelegramChat', `"chatId" = ${chat}`)).toBe(0);
    expect(await rows('TelegramWatch', `"chatId" = ${chat}`)).toBe(0);
    expect(telegram.calls.some((c) => c.method === 'sendMessage' && Number(c.params.chat_id) === chat && String(c.params.text).startsWith('Kyakhta'))).toBe(true);
  });
});

describe('the bot behind a webhook', () => {
  it('has Telegram send updates to /telegram/webhook with a secret token, and answers only those that carry it', async () => {
    const stand = await startTelegramStandIn(TOKEN);
    const db = await createTestDatabase();
    const node = await startServer({ ...db.env, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: stand.url, TELEGRAM_WEBHOOK_URL: 'https://kordon.example/telegram/webhook' });
    try {
      await expect.poll(() => stand.calls.find((c) => c.method === 'setWebhook')?.params.url).toBe('https://kordon.example/telegram/webhook');
      const secret = String(stand.calls.find((c) => c.method === 'setWebhook')!.params.secret_token);
      expect(secret).toMatch(/^[A-Za-z0-9_-]{32,}$/);
      // Nobody polls: updates come only through the webhook.
      expect(stand.calls.some((c) => c.method === 'getUpdates')).toBe(false);
      const update = { update_id: 1, message: { message_id: 1, date: 1, chat: { id: 5, type: 'private' }, from: { id: 5, is_bot: false, first_name: 'A', language_code: 'ru' }, text: '/wait кяхта', entities: [{ type: 'bot_command', offset: 0, length: 5 }] } };
      const post = (token: string) =>
        fetch(`${node.url}/telegram/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': token }, body: JSON.stringify(update) });
      expect((await post('not-the-secret')).status).toBe(401);
      expect(stand.to(5)).toEqual([]);
      expect((await post(secret)).status).toBe(200);
      await expect.poll(() => stand.to(5)[0]?.text ?? '').toMatch(/^Кяхта/);
    } finally {
      await node.stop();
      await stand.close();
      await db.drop();
    }
  });
});

describe.runIf(usingServer && redisUrl)('alerts on two nodes', () => {
  it('a report on node A makes one Telegram alert and one push, not two, and the subscriber on node B sees the estimate', async () => {
    const stand = await startTelegramStandIn(TOKEN);
    const pushes = await startPushService();
    const db = await createTestDatabase();
    const env = {
      ...db.env, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: stand.url, PUSH_SERVICE_HOSTS: pushes.host,
      REDIS_URL: redisUrl!, REDIS_PREFIX: redisPrefix(), DEVICE_KEY_SECRET: 'telegram-nodes-device-key-secret-0123456789',
    };
    const [a, b] = [await startServer(env), await startServer(env)];
    const watcher = await connect(b.url, null);
    try {
      const chat = 700_000_010;
      const report = async (waitMinutes: number) =>
        expect(
          (
            await fetch(`${a.url}/api/reports`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'x-device-key': `two-nodes-web-device-${String((device += 1)).padStart(6, '0')}` },
              body: JSON.stringify({ id: crypto.randomUUID(), checkpointId: 'mashtakovo', direction: 'out', mode: 'car', waitMinutes }),
            })
          ).status,
        ).toBe(201);
      for (let i = 0; i < 4; i += 1) await report(600);
      const ask = async (text: string) => {
        const seen = stand.to(chat).length;
        stand.write(chat, text);
        await expect.poll(() => stand.to(chat).length, { timeout: 10_000 }).toBeGreaterThan(seen);
        return stand.to(chat)[seen]!;
      };
      const tap = async (message: SentMessage, label: RegExp) => {
        const seen = stand.to(chat).length;
        stand.press(chat, message, message.buttons.find((x) => label.test(x.text))!.data);
        await expect.poll(() => stand.to(chat).length, { timeout: 10_000 }).toBeGreaterThan(seen);
        return stand.to(chat)[seen]!;
      };
      const wait = await ask('/wait маштаково');
      await tap(await tap(await tap(await tap(wait, /Следить/), /Выезд/), /Легковые/), /меньше 6 ч/);
      const subscription = pushes.subscribe();
      const saved = await fetch(`${b.url}/api/push/subscription`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ subscription, language: 'ru', watches: [{ checkpointId: 'mashtakovo', direction: 'out', mode: 'car', belowMinutes: 360 }] }),
      });
      expect(saved.status).toBe(200);
      await watcher.emitWithAck('checkpoint:subscribe', { borders: ['KZ'] });
      const seenOnB = nextUpdate(watcher, (e) => e.checkpointId === 'mashtakovo' && e.waitMinutes !== null && e.waitMinutes < 360, 15_000);

      const before = stand.to(chat).length;
      for (let i = 0; i < 10; i += 1) await report(60);
      expect((await seenOnB).waitMinutes).toBeLessThan(360);
      const alerts = () => stand.to(chat).slice(before).filter((m) => m.text.includes('теперь'));
      await expect.poll(() => [alerts().length, pushes.delivered.length], { timeout: 10_000 }).toEqual([1, 1]);
      await new Promise((resolve) => setTimeout(resolve, 2500));
      expect([alerts().length, pushes.delivered.length]).toEqual([1, 1]);
      // Each question was answered once: one node polls.
      expect(stand.to(chat).filter((m) => m.method === 'sendMessage' && m.text.includes('Статус:'))).toHaveLength(1);
    } finally {
      watcher.close();
      await Promise.all([a.stop(), b.stop()]);
      await Promise.all([stand.close(), pushes.close()]);
      await db.drop();
    }
  });
});

describe('the bot with a token Telegram refuses', () => {
  it('keeps the server serving, says so once, and tries again only after a pause', async () => {
    // Telegram out of reach is grammY's to retry, with its own growing pauses; a refused token (revoked) is ours.
    const stand = await startTelegramStandIn('999:another-bot-token-than-this-one_0123');
    const db = await createTestDatabase();
    const node = await startServer({ ...db.env, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: stand.url });
    try {
      await expect.poll(() => node.logs.filter((line) => line.msg?.startsWith('Telegram polling stopped')).length).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 5000));
      expect(node.logs.filter((line) => line.msg?.startsWith('Telegram polling stopped'))).toHaveLength(1);
      expect(stand.calls.filter((c) => c.method === 'getMe')).toHaveLength(1);
      expect((await fetch(`${node.url}/api/health`)).status).toBe(200);
    } finally {
      await node.stop();
      await stand.close();
      await db.drop();
    }
  });
});

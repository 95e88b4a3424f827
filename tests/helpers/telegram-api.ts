// A stand-in for Telegram's Bot API on loopback, speaking the part of its HTTP protocol the bot uses: getMe,
// getUpdates (long polling, held briefly when there is nothing), sendMessage, editMessageText,
// answerCallbackQuery, and the webhook and command calls, which it answers `true`. A test plays the person:
// it queues messages and button presses as updates and reads what the bot sent back.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentMessage {
  method: 'sendMessage' | 'editMessageText';
  chatId: number;
  messageId: number;
  text: string;
  /** Every button's text and callback data, row by row flattened. */
  buttons: { text: string; data: string }[];
}

interface Waiter {
  offset: number;
  resolve: (updates: unknown[]) => void;
}

const HOLD_MS = 300;

async function body(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  return (req.headers['content-type'] ?? '').includes('json') ? (JSON.parse(text) as Record<string, unknown>) : Object.fromEntries(new URLSearchParams(text));
}

export async function startTelegramStandIn(token: string) {
  const updates: { update_id: number }[] = [];
  const sent: SentMessage[] = [];
  const calls: { method: string; params: Record<string, unknown> }[] = [];
  const waiters = new Set<Waiter>();
  let nextUpdate = 1;
  let nextMessage = 1000;
  let lastPress: { update_id: number } | null = null;
  /** A chat that blocked the bot: sendMessage to it fails with 403, as Telegram's does. */
  const blocked = new Set<number>();
  /** The next sends to a chat that Telegram holds back: 429 with `retry_after` (its flood limit), or a 502 hiccup. */
  const holdBack = new Map<number, { times: number; status: 429 | 502; retryAfter?: number }>();

  const pending = (offset: number) => updates.filter((u) => u.update_id >= offset);
  const wake = () => {
    for (const waiter of waiters) {
      const ready = pending(waiter.offset);
      if (ready.length > 0) {
        waiters.delete(waiter);
        waiter.resolve(ready);
      }
    }
  };
  const buttonsOf = (markup: unknown): SentMessage['buttons'] => {
    const parsed = (typeof markup === 'string' ? JSON.parse(markup) : markup) as { inline_keyboard?: { text: string; callback_data: string }[][] } | undefined;
    return (parsed?.inline_keyboard ?? []).flat().map((b) => ({ text: b.text, data: b.callback_data }));
  };

  const server: Server = createServer(async (req, res) => {
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? '');
    const reply = (result: unknown, status = 200, description?: string, parameters?: Record<string, unknown>) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(status === 200 ? { ok: true, result } : { ok: false, error_code: status, description, ...(parameters ? { parameters } : {}) }));
    };
    if (!match) return reply(null, 404, 'Not Found');
    const method = match[2]!;
    const params = await body(req);
    calls.push({ method, params });
    if (match[1] !== token) return reply(null, 401, 'Unauthorized');
    switch (method) {
      case 'getMe':
        return reply({ id: 4242, is_bot: true, first_name: 'Kordon', username: 'kordon_test_bot', can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false });
      case 'getUpdates': {
        const offset = Number(params.offset ?? 0);
        // Telegram forgets what the bot confirmed by asking from a later offset.
        updates.splice(0, updates.length, ...pending(offset));
        const ready = pending(offset);
        if (ready.length > 0) return reply(ready);
        const waiter: Waiter = { offset, resolve: (found) => reply(found) };
        waiters.add(waiter);
        setTimeout(() => {
          if (waiters.delete(waiter)) reply([]);
        }, HOLD_MS);
        return;
      }
      case 'sendMessage':
      case 'editMessageText': {
        const chatId = Number(params.chat_id);
        if (blocked.has(chatId)) return reply(null, 403, 'Forbidden: bot was blocked by the user');
        const held = holdBack.get(chatId);
        if (held && held.times > 0) {
          held.times -= 1;
          return held.status === 429
            ? reply(null, 429, `Too Many Requests: retry after ${held.retryAfter ?? 1}`, { retry_after: held.retryAfter ?? 1 })
            : reply(null, 502, 'Bad Gateway');
        }
        const messageId = method === 'sendMessage' ? (nextMessage += 1) : Number(params.message_id);
        sent.push({ method, chatId, messageId, text: String(params.text), buttons: buttonsOf(params.reply_markup) });
        return reply({ message_id: messageId, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: 'private' }, text: params.text });
      }
      default:
        return reply(true);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const from = (chatId: number, language: string) => ({ id: chatId, is_bot: false, first_name: 'Тест', language_code: language });
  return {
    url,
    sent,
    calls,
    blocked,
    holdBack,
    /** The person writes `text`; a leading /command is marked as one, as Telegram does. */
    write(chatId: number, text: string, language = 'ru'): void {
      const command = /^\/\w+/.exec(text)?.[0];
      updates.push({
        update_id: nextUpdate++,
        message: {
          message_id: (nextMessage += 1),
          date: Math.floor(Date.now() / 1000),
          chat: { id: chatId, type: 'private', first_name: 'Тест' },
          from: from(chatId, language),
          text,
          ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command.length }] } : {}),
        },
      } as { update_id: number });
      wake();
    },
    /** The person presses a button of a message the bot sent. */
    press(chatId: number, message: SentMessage, data: string, language = 'ru'): void {
      lastPress = {
        update_id: nextUpdate++,
        callback_query: {
          id: `query-${nextUpdate}`,
          from: from(chatId, language),
          chat_instance: `instance-${chatId}`,
          data,
          message: { message_id: message.messageId, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: 'private' }, text: message.text },
        },
      } as { update_id: number };
      updates.push(lastPress);
      wake();
    },
    /** Telegram delivers the last press again (its answer was lost): the same callback query, a new update. */
    redeliverPress(): void {
      updates.push({ ...lastPress!, update_id: nextUpdate++ });
      wake();
    },
    /** What the bot sent a chat, oldest first. */
    to(chatId: number): SentMessage[] {
      return sent.filter((m) => m.chatId === chatId);
    },
    close(): Promise<void> {
      for (const waiter of waiters) waiter.resolve([]);
      waiters.clear();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

export type TelegramStandIn = Awaited<ReturnType<typeof startTelegramStandIn>>;

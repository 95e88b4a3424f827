// The Telegram bot (grammY): /wait a crossing, watch it and be told once when the wait drops below a threshold
// or it closes or opens again, and report the queue, through the same front door as every other channel. Its
// buttons carry their whole state (lib/telegram/callback-data.ts), so it keeps no conversation. What it stores is
// a chat's language if switched and its watches (lib/alerts/telegram-watches.ts); a report from a chat is made
// with a device key derived from the chat id under the server's secret and is stored, like every report, with
// only a keyed hash of that key: never the chat id.
import { createHash, createHmac } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { autoRetry } from '@grammyjs/auto-retry';
import { Bot, GrammyError, InlineKeyboard, webhookCallback, type Context } from 'grammy';
import type { Logger } from 'pino';
import {
  addTelegramWatch,
  applyToTelegramWatches,
  forgetTelegramChat,
  listTelegramWatches,
  removeTelegramWatch,
  setTelegramLanguage,
  storedLanguage,
  type TelegramAlert,
} from '../lib/alerts/telegram-watches';
import { alertWait, liveWait } from '../lib/alerts/thresholds';
import { suggestCheckpoints } from '../lib/checkpoint-suggestions';
import type { CheckpointView } from '../lib/checkpoints';
import type { PrismaClient } from '../lib/db';
import type { KordonEvent } from '../lib/domain-events';
import type { Direction, Mode } from '../lib/enums';
import { AppError, fieldErrorsFrom, toAppError } from '../lib/errors';
import type { Estimate } from '../lib/estimates/types';
import { BOT_MESSAGES } from '../lib/i18n/bot-messages';
import { formatAgo, formatWait } from '../lib/i18n/format';
import type { Language } from '../lib/i18n/languages';
import { MESSAGES } from '../lib/i18n/messages';
import { makeReportInputSchema, type ReportInput } from '../lib/reports/input';
import type { SubmitReport } from '../lib/reports/submit-report';
import { decodeCallback, encodeCallback, type Callback, type SayKind } from '../lib/telegram/callback-data';
import { parseReportLine, type ReportLineFields } from '../lib/telegram/report-line';
import { estimateFor, noWaitText, onThinEvidence, usualFor, usualText } from '../lib/ui/estimate-words';
import { closingText, hoursText } from '../lib/ui/post-hours';
import { crowdSaysOf } from '../lib/ui/marker-look';
import { fieldText, refusalText } from '../lib/ui/report-errors';
import { CROWD_SIGNALS, DIRECTIONS } from '../lib/vocabulary';

/** What a one-line report says, as a button carries it to the crossing the person then picks (once the schema took it). */
function sayingOf(said: ReportLineFields): { kind: SayKind; value: number } {
  if ('waitMinutes' in said) return { kind: 'wait', value: said.waitMinutes };
  if ('queueVehicles' in said) return { kind: 'ahead', value: said.queueVehicles };
  return { kind: 'metres', value: Math.round(said.queueKm * 1000) };
}

export const TELEGRAM_WEBHOOK_PATH = '/telegram/webhook';

export interface TelegramBotDeps {
  token: string;
  /** The Bot API server (Telegram's, unless a self-hosted one or a test's stand-in). */
  apiRoot?: string | undefined;
  prisma: PrismaClient;
  submitReport: SubmitReport;
  checkpoints: () => Promise<CheckpointView[]>;
  /** The server's secret: chat device keys and the webhook's secret token derive from it. */
  secret: string;
  /** Where people open Kordon: the links in replies (known once the server listens). */
  publicUrl: () => string;
  logger: Logger;
  now: () => Date;
}

const THRESHOLD_HOURS = [2, 4, 6, 12, 24];
/** After polling failed, the next try waits this long: an unreachable Telegram is not asked every two seconds. */
const POLL_RETRY_MS = 30_000;
const QUICK = { wait: [1, 2, 4, 8, 12, 24], ahead: [20, 50, 100, 300, 500, 1000], let: [0, 5, 10, 30, 60], crossed: [1, 2, 4, 8, 12, 24] } as const;
/** Languages whose speakers at these borders mostly read Russian. */
const READS_RUSSIAN = new Set(['ru', 'uk', 'be', 'kk', 'ky', 'uz', 'tg', 'hy', 'ka', 'az', 'mn']);

/** A UUID made from a Telegram update, so that a button pressed once is stored once however often it is delivered. */
function uuidFrom(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A send Telegram refused for the moment is tried this many times more… */
const TELEGRAM_RETRIES = 3;
/** …unless it asks to wait longer than this (an alert that late is better told by the next change). */
const TELEGRAM_LONGEST_HOLD_SECONDS = 60;

export function createTelegramBot(deps: TelegramBotDeps) {
  // The report's own schema (lib/reports/input.ts), to judge a one-line report before it goes on a button.
  const reportSchema = makeReportInputSchema(deps.now);
  const { prisma, logger } = deps;
  const bot = new Bot(deps.token, deps.apiRoot ? { client: { apiRoot: deps.apiRoot } } : {});
  // An alert whose watch has fired is not made again: a send that Telegram holds back (429, its retry_after), or
  // that meets its hiccup (5xx) or a dropped link, is tried again rather than lost. Bounded, so that Telegram being
  // down holds the alerts behind it for seconds, not hours (the plugin's backoff: 3, 6, 12 s).
  bot.api.config.use(autoRetry({ maxRetryAttempts: TELEGRAM_RETRIES, maxDelaySeconds: TELEGRAM_LONGEST_HOLD_SECONDS }));
  const webhookSecret = createHmac('sha256', deps.secret).update('kordon:telegram-webhook').digest('base64url');
  const deviceKeyOf = (chatId: number) => createHmac('sha256', deps.secret).update(`kordon:telegram-device:${chatId}`).digest('base64url');

  async function languageOf(ctx: Context): Promise<Language> {
    const stored = ctx.chat ? await storedLanguage(prisma, BigInt(ctx.chat.id)) : null;
    if (stored) return stored;
    const code = ctx.from?.language_code?.split('-')[0];
    return !code || READS_RUSSIAN.has(code) ? 'ru' : 'en';
  }

  /** The button under /start and /lang alike: Russian ⇄ English, kept for the chat. */
  async function switchLanguage(ctx: Context, chatId: number, lang: Language): Promise<void> {
    const next: Language = lang === 'ru' ? 'en' : 'ru';
    await setTelegramLanguage(prisma, BigInt(chatId), next);
    await ctx.reply(BOT_MESSAGES[next].language);
  }

  const button = (text: string, callback: Callback) => InlineKeyboard.text(text, encodeCallback(callback));
  const pageOf = (id: string) => `${deps.publicUrl().replace(/\/$/, '')}/checkpoints/${id}`;

  /** "Выезд, легковые": the direction and mode a line speaks of. */
  const whereOf = (key: { direction: Direction; mode: Mode }, lang: Language) =>
    `${MESSAGES[lang].directionsShort[key.direction]}, ${MESSAGES[lang].modes[key.mode].toLowerCase()}`;

  function estimateLine(estimate: Estimate, lang: Language): string {
    const m = MESSAGES[lang];
    const t = BOT_MESSAGES[lang];
    const where = whereOf(estimate, lang);
    if (estimate.waitMinutes === null) return `${where}: ${noWaitText(estimate, lang)}`;
    const ago = estimate.lastReportAt ? formatAgo(estimate.lastReportAt, deps.now(), lang) : '';
    if (estimate.stale) return t.oldLine(where, formatWait(estimate.waitMinutes, lang), ago);
    const range = estimate.low !== null && estimate.high !== null ? m.range(formatWait(estimate.low, lang), formatWait(estimate.high, lang)) : '';
    return t.estimateLine(where, formatWait(estimate.waitMinutes, lang), range, m.confidence[estimate.confidence], ago);
  }

  /** A crossing as the bot tells it: name, every estimate it has (leaving by car first), status, note, link. */
  function describe(checkpoint: CheckpointView, lang: Language): string {
    const m = MESSAGES[lang];
    const t = BOT_MESSAGES[lang];
    const order = (e: { direction: Direction; mode: Mode }) => (e.direction === 'out' ? 0 : 2) + (e.mode === 'car' ? 0 : 1);
    const estimates = [...checkpoint.estimates].filter((e) => checkpoint.modes.includes(e.mode)).sort((a, b) => order(a) - order(b));
    // At a post with hours, an estimate whose band runs from before closing into the night says so on the next line;
    // an old one, or none, what the wait usually is at this time (the panel's line), where the history has it.
    // What the queue says in one tap ("закрыт") follows its line, as under a marker: someone choosing by the bot alone
    // would otherwise drive to a crossing the people there call closed.
    const lines = estimates.flatMap((e) => {
      const closing = closingText(checkpoint.openingHours, e, lang);
      const usual = e.stale || e.waitMinutes === null ? usualText(usualFor(checkpoint.usual, e), lang) : null;
      const said = crowdSaysOf(e, deps.now(), lang);
      return [estimateLine(e, lang), ...(said ? [said] : []), ...(closing ? [closing] : []), ...(usual ? [usual] : [])];
    });
    const unestimated = checkpoint.usual
      .filter((u) => checkpoint.modes.includes(u.mode) && !estimates.some((e) => e.direction === u.direction && e.mode === u.mode))
      .sort((a, b) => order(a) - order(b))
      .flatMap((u) => [`${whereOf(u, lang)}: ${t.noEstimate}`, usualText(u, lang)!]);
    lines.push(...unestimated);
    const hours = hoursText(checkpoint.openingHours, estimates[0], lang);
    return [
      `${checkpoint.name[lang]} (${m.borders[checkpoint.border]})`,
      ...(lines.length > 0 ? lines : [t.noEstimate]),
      ...(hours ? [hours] : []),
      t.statusLine(m.status[checkpoint.status]),
      ...(checkpoint.statusNote ? [checkpoint.statusNote] : []),
      t.page(pageOf(checkpoint.id)),
    ].join('\n');
  }

  async function find(id: string): Promise<CheckpointView | undefined> {
    return (await deps.checkpoints()).find((c) => c.id === id);
  }

  /** /wait, or any plain text: one crossing's estimate, a choice of several, or why none was found. */
  async function search(ctx: Context, typed: string): Promise<void> {
    const lang = await languageOf(ctx);
    const t = BOT_MESSAGES[lang];
    const query = typed.trim().slice(0, 80);
    if (query === '') {
      await ctx.reply(t.askName);
      return;
    }
    const found = suggestCheckpoints(query, await deps.checkpoints(), 5);
    if (found.length === 0) {
      await ctx.reply(t.notFound(query));
      return;
    }
    if (found.length > 1) {
      const keyboard = new InlineKeyboard();
      for (const checkpoint of found) keyboard.row(button(checkpoint.name[lang], { action: 'show', checkpointId: checkpoint.id }));
      await ctx.reply(t.choose, { reply_markup: keyboard });
      return;
    }
    await show(ctx, found[0]!, lang);
  }

  async function show(ctx: Context, checkpoint: CheckpointView, lang: Language): Promise<void> {
    const t = BOT_MESSAGES[lang];
    const keyboard = new InlineKeyboard()
      .add(button(t.watchButton, { action: 'watch', checkpointId: checkpoint.id }))
      .add(button(t.reportButton, { action: 'report', checkpointId: checkpoint.id }));
    await ctx.reply(describe(checkpoint, lang), { reply_markup: keyboard, link_preview_options: { is_disabled: true } });
  }

  const directionKeyboard = (lang: Language, make: (direction: Direction) => Callback) =>
    new InlineKeyboard().add(...DIRECTIONS.map((d) => button(MESSAGES[lang].directionsShort[d], make(d))));
  const modeKeyboard = (lang: Language, modes: readonly Mode[], make: (mode: Mode) => Callback) => {
    const keyboard = new InlineKeyboard();
    for (const mode of modes) keyboard.row(button(MESSAGES[lang].modes[mode], make(mode)));
    return keyboard;
  };

  function reportKeyboard(lang: Language, checkpointId: string, direction: Direction, mode: Mode): InlineKeyboard {
    const t = BOT_MESSAGES[lang];
    const m = MESSAGES[lang];
    const say = (kind: SayKind, value: number) => ({ action: 'say' as const, checkpointId, direction, mode, kind, value });
    const keyboard = new InlineKeyboard();
    keyboard.row(...QUICK.wait.map((h) => button(`${t.waitKind}: ${t.hours(h)}`, say('wait', h * 60))));
    keyboard.row(...QUICK.ahead.map((n) => button(`${t.aheadKind}: ${t.vehicles(n)}`, say('ahead', n))));
    keyboard.row(...QUICK.let.map((n) => button(`${t.letKind}: ${t.vehicles(n)}`, say('let', n))));
    keyboard.row(...QUICK.crossed.map((h) => button(`${t.crossedKind} ${t.hours(h)}`, say('crossed', h * 60))));
    for (const signal of CROWD_SIGNALS) keyboard.row(button(m.signals[signal].tap, { action: 'signal', checkpointId, direction, mode, signal }));
    return keyboard;
  }

  /** Stores a report from a chat through the one front door; what to answer. */
  async function submit(chatId: number, seed: string, checkpointId: string, fields: Partial<ReportInput> & Pick<ReportInput, 'direction' | 'mode'>, lang: Language): Promise<string> {
    const t = BOT_MESSAGES[lang];
    const deviceKey = deviceKeyOf(chatId);
    try {
      const submitted = await deps.submitReport(
        { id: uuidFrom(seed), checkpointId, ...fields },
        // The chat is its own network: a chat's limits are its own, never shared with everyone else on Telegram.
        { deviceKey, address: `telegram:${deviceKey}` },
      );
      return t.thanks(estimateLine(submitted.estimate, lang));
    } catch (error) {
      const refusal = toAppError(error);
      if (refusal.code === 'internal') logger.error({ err: error }, 'a report from the bot failed');
      return refusedText(refusal, lang);
    }
  }

  /** Why a report was not taken, and for each field refused what it may be ("Ожидание — от 0 до 168 ч"). */
  function refusedText(refusal: AppError, lang: Language): string {
    const why = refusalText({ code: refusal.code, fields: refusal.fields, retryAfter: refusal.retryAfterSeconds, limit: refusal.limit }, lang);
    const hints = (refusal.fields ?? []).map((field) => fieldText(field.path, lang));
    return BOT_MESSAGES[lang].refused([why, ...new Set(hints)].join(' '));
  }

  async function onCallback(ctx: Context, callback: Callback, lang: Language): Promise<void> {
    const t = BOT_MESSAGES[lang];
    const chatId = ctx.chat!.id;
    const edit = (text: string, keyboard?: InlineKeyboard) => ctx.editMessageText(text, keyboard ? { reply_markup: keyboard } : {});
    if (callback.action === 'language') return switchLanguage(ctx, chatId, lang);
    if (callback.action === 'unwatch') {
      const removed = await removeTelegramWatch(prisma, BigInt(chatId), callback.watchId);
      await ctx.reply(removed ? t.removed : t.gone);
      return;
    }
    const checkpoint = await find(callback.checkpointId);
    if (!checkpoint) {
      await ctx.reply(t.stale);
      return;
    }
    const name = checkpoint.name[lang];
    switch (callback.action) {
      case 'show':
        await show(ctx, checkpoint, lang);
        return;
      case 'watch': {
        const { direction, mode, belowMinutes } = callback;
        // The first step answers in a message of its own: the estimate it was asked from stays readable.
        if (!direction) return void (await ctx.reply(`${name}\n${t.whichDirection}`, { reply_markup: directionKeyboard(lang, (d) => ({ action: 'watch', checkpointId: checkpoint.id, direction: d })) }));
        if (!mode) return void (await edit(`${name}\n${t.whichMode}`, modeKeyboard(lang, checkpoint.modes, (md) => ({ action: 'watch', checkpointId: checkpoint.id, direction, mode: md }))));
        if (belowMinutes === undefined) {
          const keyboard = new InlineKeyboard();
          for (const hours of THRESHOLD_HOURS) keyboard.row(button(t.below(formatWait(hours * 60, lang)), { action: 'watch', checkpointId: checkpoint.id, direction, mode, belowMinutes: hours * 60 }));
          keyboard.row(button(t.statusOnly, { action: 'watch', checkpointId: checkpoint.id, direction, mode, belowMinutes: null }));
          return void (await edit(`${name}\n${t.whichThreshold}`, keyboard));
        }
        if (!checkpoint.modes.includes(mode)) return void (await ctx.reply(t.stale));
        const estimate = estimateFor(checkpoint.estimates, { direction, mode });
        const wait = liveWait(estimate);
        await addTelegramWatch(prisma, { chatId: BigInt(chatId), language: lang, checkpointId: checkpoint.id, direction, mode, belowMinutes, waitMinutes: alertWait(estimate), status: checkpoint.status });
        const m = MESSAGES[lang];
        const what = t.watchWhat(name, m.directionsShort[direction].toLowerCase(), m.modes[mode].toLowerCase(), belowMinutes === null ? t.statusOnly : t.below(formatWait(belowMinutes, lang)));
        await edit([t.watching(what), ...(wait !== null ? [t.watchingNow(formatWait(wait, lang))] : [])].join('\n'));
        return;
      }
      case 'report': {
        const { direction, mode } = callback;
        if (!direction) return void (await ctx.reply(`${name}\n${t.whichDirection}`, { reply_markup: directionKeyboard(lang, (d) => ({ action: 'report', checkpointId: checkpoint.id, direction: d })) }));
        if (!mode) return void (await edit(`${name}\n${t.whichMode}`, modeKeyboard(lang, checkpoint.modes, (md) => ({ action: 'report', checkpointId: checkpoint.id, direction, mode: md }))));
        return void (await edit(`${name}\n${t.whatReport}`, reportKeyboard(lang, checkpoint.id, direction, mode)));
      }
      case 'say':
      case 'signal': {
        const now = deps.now().getTime();
        const fields: Partial<ReportInput> =
          callback.action === 'signal'
            ? { signal: callback.signal }
            : callback.kind === 'wait'
              ? { waitMinutes: callback.value }
              : callback.kind === 'ahead'
                ? { queueVehicles: callback.value }
                : callback.kind === 'metres'
                  ? { queueKm: callback.value / 1000 }
                  : callback.kind === 'let'
                    ? { letThrough: callback.value, letThroughMinutes: 60 }
                    : { joinedAt: new Date(now - callback.value * 60_000).toISOString(), crossedAt: new Date(now).toISOString() };
        const answer = await submit(chatId, `telegram:${ctx.callbackQuery!.id}`, checkpoint.id, { direction: callback.direction, mode: callback.mode, ...fields }, lang);
        await ctx.reply(`${name}\n${answer}`);
        return;
      }
    }
  }

  bot.command('start', async (ctx) => {
    const lang = await languageOf(ctx);
    await ctx.reply(BOT_MESSAGES[lang].start, { reply_markup: new InlineKeyboard().add(button(lang === 'ru' ? 'English' : 'Русский', { action: 'language' })) });
  });
  bot.command('lang', async (ctx) => switchLanguage(ctx, ctx.chat.id, await languageOf(ctx)));
  bot.command('wait', (ctx) => search(ctx, ctx.match));
  bot.command('list', async (ctx) => {
    const lang = await languageOf(ctx);
    const t = BOT_MESSAGES[lang];
    const m = MESSAGES[lang];
    const watches = await listTelegramWatches(prisma, BigInt(ctx.chat.id));
    if (watches.length === 0) return void (await ctx.reply(t.listEmpty));
    const names = new Map((await deps.checkpoints()).map((c) => [c.id, c.name[lang]]));
    const keyboard = new InlineKeyboard();
    const lines = watches.map((w, index) => {
      keyboard.row(button(`${t.remove} ${index + 1}`, { action: 'unwatch', watchId: w.id }));
      const threshold = w.belowMinutes === null ? t.statusOnly : t.below(formatWait(w.belowMinutes, lang));
      return `${index + 1}. ${t.watchWhat(names.get(w.checkpointId) ?? w.checkpointId, m.directionsShort[w.direction].toLowerCase(), m.modes[w.mode].toLowerCase(), threshold)}`;
    });
    await ctx.reply([t.list, ...lines].join('\n'), { reply_markup: keyboard });
  });
  bot.command('stop', async (ctx) => {
    const lang = await languageOf(ctx);
    await forgetTelegramChat(prisma, BigInt(ctx.chat.id));
    await ctx.reply(BOT_MESSAGES[lang].stopped);
  });
  bot.command('report', async (ctx) => {
    const lang = await languageOf(ctx);
    const t = BOT_MESSAGES[lang];
    // "/report Ларс 4": a name, and maybe the wait, the cars ahead or the km last (lib/telegram/report-line.ts).
    const { name, said, mode = 'car' } = parseReportLine(ctx.match);
    const found = name ? suggestCheckpoints(name, await deps.checkpoints(), 5) : [];
    if (found.length === 0) {
      await ctx.reply(name ? t.notFound(name.slice(0, 80)) : t.reportUsage);
      return;
    }
    if (found.length > 1) {
      // "Павловка" is two crossings: the person picks one, and what they said of the queue goes with the button.
      // A value the report's schema refuses is refused now, as it would be for one crossing, not carried to a tap.
      if (said !== null) {
        const checked = reportSchema.safeParse({ id: uuidFrom(`telegram:${ctx.update.update_id}`), checkpointId: found[0]!.id, direction: 'out', mode, ...said });
        if (!checked.success) {
          await ctx.reply(refusedText(new AppError('invalid_input', 'The report is not valid.', fieldErrorsFrom(checked.error.issues)), lang));
          return;
        }
      }
      const saying = said === null ? null : sayingOf(said);
      const keyboard = new InlineKeyboard();
      for (const checkpoint of found) {
        const choice: Callback = saying
          ? { action: 'say', checkpointId: checkpoint.id, direction: 'out', mode, ...saying }
          : { action: 'report', checkpointId: checkpoint.id };
        keyboard.row(button(checkpoint.name[lang], choice));
      }
      await ctx.reply(t.choose, { reply_markup: keyboard });
      return;
    }
    const checkpoint = found[0]!;
    if (said === null) {
      await ctx.reply(`${checkpoint.name[lang]}\n${t.whichDirection}`, { reply_markup: directionKeyboard(lang, (d) => ({ action: 'report', checkpointId: checkpoint.id, direction: d })) });
      return;
    }
    const answer = await submit(ctx.chat.id, `telegram:${ctx.update.update_id}`, checkpoint.id, { direction: 'out', mode, ...said }, lang);
    await ctx.reply(`${checkpoint.name[lang]}\n${answer}`);
  });
  bot.on('callback_query:data', async (ctx) => {
    const lang = await languageOf(ctx);
    const callback = decodeCallback(ctx.callbackQuery.data);
    await ctx.answerCallbackQuery(callback ? {} : { text: BOT_MESSAGES[lang].stale });
    if (callback && ctx.chat) await onCallback(ctx, callback, lang);
  });
  // Any other text is a crossing's name; a command the bot does not know gets the list of those it does.
  bot.on('message:text', async (ctx) => (ctx.message.text.startsWith('/') ? ctx.reply(BOT_MESSAGES[await languageOf(ctx)].start) : search(ctx, ctx.message.text)));
  bot.catch((error) => logger.warn({ err: error.error, update: error.ctx.update.update_id }, 'the bot could not handle an update'));

  /** Sends what an event made due; a chat that blocked the bot is forgotten. */
  async function alert({ watch, language, reason }: TelegramAlert): Promise<void> {
    const t = BOT_MESSAGES[language];
    const m = MESSAGES[language];
    const checkpoint = await find(watch.checkpointId);
    const name = checkpoint?.name[language] ?? watch.checkpointId;
    const what = `${m.directionsShort[watch.direction].toLowerCase()}, ${m.modes[watch.mode].toLowerCase()}`;
    // As the push says it: a number on thin evidence (one phone, or reports that disagree) says so.
    const unsure = onThinEvidence(checkpoint && estimateFor(checkpoint.estimates, watch));
    const text =
      reason.kind === 'below'
        ? `${t.alertBelow(name, what, formatWait(reason.waitMinutes, language))}${unsure ? ` ${t.unsure}` : ''}`
        : t.alertStatus(name, m.status[reason.status]);
    try {
      await bot.api.sendMessage(Number(watch.chatId), `${text}\n${t.page(pageOf(watch.checkpointId))}`, { link_preview_options: { is_disabled: true } });
    } catch (error) {
      if (error instanceof GrammyError && (error.error_code === 403 || error.error_code === 400)) {
        // Blocked, or the chat is gone: nothing more will reach it, so nothing of it is kept.
        await forgetTelegramChat(prisma, watch.chatId);
        return;
      }
      throw error;
    }
  }

  let polling: Promise<void> | null = null;
  /** When polling last stopped on an error (Telegram unreachable, a revoked token): retried after a pause. */
  let failedAt = 0;
  return {
    bot,
    webhookSecret,
    /** The domain's events: the alerts they make, sent by whichever node stores the watch's change first. */
    async onEvent(event: KordonEvent): Promise<void> {
      for (const due of await applyToTelegramWatches(prisma, event)) {
        await alert(due).catch((error: unknown) => logger.warn({ err: error }, 'a Telegram alert could not be sent'));
      }
    },
    /** Long polling, on one node (the leader): two would take each other's updates. */
    startPolling(): void {
      if (polling) return;
      polling = bot
        .start({ allowed_updates: ['message', 'callback_query'] })
        .catch((error: unknown) => {
          failedAt = Date.now();
          logger.warn({ err: error instanceof Error ? error.message : error }, 'Telegram polling stopped; retrying in a while');
        })
        .finally(() => (polling = null));
    },
    async stopPolling(): Promise<void> {
      if (!polling) return;
      await bot.stop();
      await polling;
    },
    isPolling: () => polling !== null,
    /** Whether polling may start again: never failed, or long enough ago. */
    mayPoll: (now: number) => now - failedAt >= POLL_RETRY_MS,
    async setWebhook(url: string): Promise<void> {
      await bot.api.setWebhook(url, { secret_token: webhookSecret, allowed_updates: ['message', 'callback_query'] });
    },
    /** POST /telegram/webhook, on any node: Telegram's updates, checked by the secret token set with the webhook. */
    webhook(): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
      const handle = webhookCallback(bot, 'http', { secretToken: webhookSecret });
      return async (req, res) => {
        if ((req.url ?? '').split('?')[0] !== TELEGRAM_WEBHOOK_PATH || req.method !== 'POST') return false;
        await handle(req, res);
        return true;
      };
    },
  };
}

export type TelegramBot = ReturnType<typeof createTelegramBot>;

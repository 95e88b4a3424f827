// The Telegram bot's watches in the database: added, listed, removed, and moved on by the domain's events. A
// change of a watch's state is written only if the row is still as it was read, so that of several nodes
// hearing the same event exactly one wins, and only the winner sends the alert.
import type { PrismaClient } from '../db';
import type { KordonEvent } from '../domain-events';
import type { CheckpointStatus, Direction, Mode } from '../enums';
import type { Language } from '../i18n/languages';
import { applyEvent, initialState, type AlertReason } from './thresholds';

export interface TelegramWatchRow {
  id: number;
  chatId: bigint;
  checkpointId: string;
  direction: Direction;
  mode: Mode;
  belowMinutes: number | null;
  armed: boolean;
  lastStatus: CheckpointStatus;
}

export interface TelegramAlert {
  watch: TelegramWatchRow;
  language: Language;
  reason: AlertReason;
}

/** A watch, made or replaced, armed by the wait as it stands (a wait already below does not alert at once). */
export async function addTelegramWatch(
  prisma: PrismaClient,
  watch: { chatId: bigint; language: Language; checkpointId: string; direction: Direction; mode: Mode; belowMinutes: number | null; waitMinutes: number | null; status: CheckpointStatus },
): Promise<void> {
  const state = initialState(watch);
  const key = { chatId: watch.chatId, checkpointId: watch.checkpointId, direction: watch.direction, mode: watch.mode };
  await prisma.$transaction([
    prisma.telegramChat.upsert({ where: { chatId: watch.chatId }, create: { chatId: watch.chatId, language: watch.language }, update: {} }),
    prisma.telegramWatch.upsert({
      where: { chatId_checkpointId_direction_mode: key },
      create: { ...key, ...state },
      update: state,
    }),
  ]);
}

export function listTelegramWatches(prisma: PrismaClient, chatId: bigint): Promise<TelegramWatchRow[]> {
  return prisma.telegramWatch.findMany({ where: { chatId }, orderBy: { id: 'asc' } });
}

/** False when there was no such watch of this chat (an old button). */
export async function removeTelegramWatch(prisma: PrismaClient, chatId: bigint, watchId: number): Promise<boolean> {
  const { count } = await prisma.telegramWatch.deleteMany({ where: { id: watchId, chatId } });
  return count === 1;
}

/** /stop, or the chat blocked the bot: the chat and all its watches go. */
export async function forgetTelegramChat(prisma: PrismaClient, chatId: bigint): Promise<void> {
  await prisma.telegramChat.deleteMany({ where: { chatId } });
}

export async function setTelegramLanguage(prisma: PrismaClient, chatId: bigint, language: Language): Promise<void> {
  await prisma.telegramChat.upsert({ where: { chatId }, create: { chatId, language }, update: { language } });
}

export async function storedLanguage(prisma: PrismaClient, chatId: bigint): Promise<Language | null> {
  const chat = await prisma.telegramChat.findUnique({ where: { chatId }, select: { language: true } });
  return chat?.language === 'ru' || chat?.language === 'en' ? chat.language : null;
}

/** Moves the watches an event concerns; the alerts this call won, to be sent. */
export function applyToTelegramWatches(prisma: PrismaClient, event: KordonEvent): Promise<TelegramAlert[]> {
  return applyEvent(
    event,
    {
      find: (where) => prisma.telegramWatch.findMany({ where, include: { chat: { select: { language: true } } } }),
      update: async (id, from, to) =>
        (await prisma.telegramWatch.updateMany({ where: { id, armed: from.armed, lastStatus: from.lastStatus }, data: { armed: to.armed, lastStatus: to.lastStatus } })).count === 1,
    },
    ({ chat, ...watch }, reason) => ({ watch, language: chat.language === 'en' ? 'en' : 'ru', reason }),
  );
}

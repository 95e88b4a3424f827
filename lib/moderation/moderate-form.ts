// What a form on /moderate may post, read from its urlencoded body. Only the
// shape is checked here; the words a moderator types (reason, note, status,
// modes) are checked by the moderation actions themselves (moderate.ts), the
// same rules as for the API.
import { z } from 'zod';
import { LANGUAGES } from '../i18n/languages';

const text = z.string().max(2000).default('');
const checkpoint = z.string().max(64);
const device = z.string().max(128);

export const moderateForm = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('login'), token: z.string().trim().min(1).max(512) }),
  z.object({ intent: z.literal('logout') }),
  z.object({ intent: z.literal('language'), lang: z.enum(LANGUAGES) }),
  z.object({ intent: z.enum(['hide-report', 'show-report']), report: z.string().max(64), reason: text, checkpoint: checkpoint.optional() }),
  z.object({ intent: z.enum(['hide-device', 'show-device']), device, reason: text, checkpoint: checkpoint.optional() }),
  z.object({ intent: z.literal('hide-devices'), devices: z.array(device).min(1).max(1000), reason: text, checkpoint: checkpoint.optional() }),
  z.object({ intent: z.literal('set-status'), checkpoint, status: z.string().max(32).default(''), note: text }),
  z.object({ intent: z.literal('set-modes'), checkpoint, modes: z.array(z.string().max(32)).max(10).default([]), note: text }),
]);
export type ModerateForm = z.infer<typeof moderateForm>;

/** The actions that change something, as the redirect after one names it (`?done=`). */
export const ACTIONS = ['hide-report', 'show-report', 'hide-device', 'show-device', 'hide-devices', 'set-status', 'set-modes'] as const;
export type Action = (typeof ACTIONS)[number];

/** Fields a form may repeat (checkboxes, a burst's devices). */
const LISTS = new Set(['modes', 'devices']);

/** The form as an object: repeated fields as lists, the rest as their first value. */
export function formObject(body: URLSearchParams): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const key of new Set(body.keys())) object[key] = LISTS.has(key) ? body.getAll(key) : body.get(key);
  return object;
}

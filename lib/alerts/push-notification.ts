// What a push becomes on the phone: the service worker (worker/service-worker.ts) is woken with a few encrypted
// fields (server/web-push.ts PushPayload), fetches the crossing from Kordon, and shows this. Pure, so the words
// are tested without a browser.
import type { CheckpointView } from '../checkpoints';
import type { Direction, Mode } from '../enums';
import { formatWait } from '../i18n/format';
import { isLanguage, type Language } from '../i18n/languages';
import { MESSAGES } from '../i18n/messages';
import { PUSH_MESSAGES } from '../i18n/push-messages';
import { estimateFor, onThinEvidence } from '../ui/estimate-words';
import { DIRECTIONS, MODES, oneOf } from '../vocabulary';

const REASONS = ['below', 'status'] as const;

export interface PushMessage {
  checkpointId: string;
  direction: Direction;
  mode: Mode;
  reason: (typeof REASONS)[number];
  language: Language;
}

/** The fields of a push, or null when they are not Kordon's. */
export function readPush(text: string): PushMessage | null {
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    const { checkpointId, language } = value;
    if (typeof checkpointId !== 'string' || !/^[a-z0-9-]{1,64}$/.test(checkpointId)) return null;
    const direction = oneOf(DIRECTIONS, value.direction);
    const mode = oneOf(MODES, value.mode);
    const reason = oneOf(REASONS, value.reason);
    if (!direction || !mode || !reason) return null;
    return { checkpointId, direction, mode, reason, language: isLanguage(language) ? language : 'ru' };
  } catch {
    return null;
  }
}

/** Title, text and the page a tap opens; with the crossing as Kordon has it now, or without it when offline. */
export function notificationFor(push: PushMessage, checkpoint: Pick<CheckpointView, 'name' | 'status' | 'estimates'> | null): { title: string; body: string; url: string; tag: string } {
  const m = MESSAGES[push.language];
  const t = PUSH_MESSAGES[push.language];
  const name = checkpoint?.name[push.language] ?? push.checkpointId;
  const where = `${m.directionsShort[push.direction]}, ${m.modes[push.mode].toLowerCase()}`;
  const estimate = checkpoint ? estimateFor(checkpoint.estimates, push) : undefined;
  const status = checkpoint?.status ?? 'open';
  const title = push.reason === 'status' ? t[status](name) : t.below(name);
  // A number on thin evidence (one phone, or reports that disagree) says so: a person may set off on it at night.
  const body =
    estimate && estimate.waitMinutes !== null && !estimate.stale
      ? `${t.now(where, formatWait(estimate.waitMinutes, push.language))}${onThinEvidence(estimate) ? ` (${m.quality.unsure})` : ''}`
      : where;
  return { title, body, url: `/checkpoints/${push.checkpointId}?direction=${push.direction}&mode=${push.mode}`, tag: `kordon-${push.checkpointId}` };
}

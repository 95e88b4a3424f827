// What a refused report tells the person, in their language: from the
// error's code and field paths only, never from the server's own message,
// which is English and written for developers.
import type { Language } from '../i18n/languages';
import { MESSAGES } from '../i18n/messages';

export interface RefusalLike {
  code: string;
  fields?: { path: string }[] | undefined;
  retryAfter?: number | undefined;
  /** The limit a refusal met (`rate_limited`, `proof_required`): the true reason. */
  limit?: string | undefined;
}

/** Why a limit refused, in the reader's words, or null when the server named none this page knows. */
function limitText(error: RefusalLike, lang: Language): string | null {
  return (error.limit && MESSAGES[lang].form.limits[error.limit]) || null;
}

/** The sentence for a refusal as a whole, with when to try again where the server said. */
export function refusalText(error: RefusalLike, lang: Language): string {
  const f = MESSAGES[lang].form;
  const reason = limitText(error, lang);
  const text = reason ? `${reason} ${f.notSaved}` : (f.errors[error.code] ?? f.errors.unknown!);
  return error.retryAfter ? `${text} ${f.retryIn(error.retryAfter)}` : text;
}

/** What a report held in the outbox waits for: a proof still being made, or a limit until `retryAt`. */
export interface Hold {
  code: string;
  limit?: string | undefined;
  /** When the server said it may go (ISO), if it said. */
  retryAt?: string | undefined;
}

/** The sentence beside a held report: that it will go by itself, when, and the true reason. */
export function holdText(hold: Hold, lang: Language): string {
  const f = MESSAGES[lang].form;
  const at = hold.retryAt ? new Date(hold.retryAt) : null;
  const time = at && at.getTime() > Date.now() ? at.toLocaleTimeString(lang === 'ru' ? 'ru-RU' : 'en-GB', { hour: '2-digit', minute: '2-digit' }) : null;
  const reason = hold.code === 'proof_pending' ? f.proofPending : (limitText(hold, lang) ?? f.errors[hold.code] ?? f.errors.unknown!);
  return f.held(reason, time);
}

/** The hint beside one field the server named (by the schema's path, such as `queueVehicles` or `joinedAt`). */
export function fieldText(path: string, lang: Language): string {
  const f = MESSAGES[lang].form;
  return f.fieldHints[path.split('.')[0] ?? ''] ?? f.fieldHints.unknown!;
}

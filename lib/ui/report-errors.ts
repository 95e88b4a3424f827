// What a refused report tells the person, in their language: from the
// error's code and field paths only, never from the server's own message,
// which is English and written for developers.
import type { Language } from '../i18n/languages';
import { MESSAGES } from '../i18n/messages';

export interface RefusalLike {
  code: string;
  fields?: { path: string }[] | undefined;
  retryAfter?: number | undefined;
}

/** The sentence for a refusal as a whole, with when to try again where the server said. */
export function refusalText(error: RefusalLike, lang: Language): string {
  const f = MESSAGES[lang].form;
  const text = f.errors[error.code] ?? f.errors.unknown!;
  return error.retryAfter ? `${text} ${f.retryIn(error.retryAfter)}` : text;
}

/** The hint beside one field the server named (by the schema's path, such as `queueVehicles` or `joinedAt`). */
export function fieldText(path: string, lang: Language): string {
  const f = MESSAGES[lang].form;
  return f.fieldHints[path.split('.')[0] ?? ''] ?? f.fieldHints.unknown!;
}

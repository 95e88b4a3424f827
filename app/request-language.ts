// The language of this request: the visitor's switch (a cookie), else the
// browser's Accept-Language.
import { cookies, headers } from 'next/headers';
import { LANGUAGE_COOKIE, pickLanguage, type Language } from '../lib/i18n/languages';

export async function requestLanguage(): Promise<Language> {
  const [cookieStore, headerStore] = await Promise.all([cookies(), headers()]);
  return pickLanguage({ cookie: cookieStore.get(LANGUAGE_COOKIE)?.value, acceptLanguage: headerStore.get('accept-language') });
}

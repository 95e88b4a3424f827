// Erases Kordon from the browser that asks: everything it keeps for this site
// goes by the browser's own hand (Clear-Site-Data: storage, service worker,
// caches, cookies, the HTTP cache), the HttpOnly device-key cookie by an
// expired copy too, and the page that says so is plain HTML that loads and
// keeps nothing. With scripts, the confirm page has already erased what a
// script can reach before it posts (components/EraseForm.tsx), so a browser
// that ignores Clear-Site-Data loses it as well. Only Kordon's own page may
// ask: another site must not be able to wipe a visitor's watch list.
import { cookies } from 'next/headers';
import { LANGUAGE_COOKIE, pickLanguage } from '../../../lib/i18n/languages';
import { PAGE_MESSAGES } from '../../../lib/i18n/page-messages';
import { otherMethods } from '../../_lib/http';
import { isFromOwnPage } from '../../../lib/security/origins';
import { DEVICE_COOKIE } from '../../../lib/ui/no-script-form';

export const dynamic = 'force-dynamic';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function POST(request: Request): Promise<Response> {
  if (!isFromOwnPage(request.headers)) return new Response('Forbidden', { status: 403, headers: { 'cache-control': 'no-store' } });
  const lang = pickLanguage({ cookie: (await cookies()).get(LANGUAGE_COOKIE)?.value, acceptLanguage: request.headers.get('accept-language') });
  const e = PAGE_MESSAGES[lang].erase;
  const html = `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${escape(e.doneTitle)}</title>
<style>:root{color-scheme:light dark}body{font-family:system-ui,sans-serif;max-width:36rem;margin:0 auto;padding:1rem;line-height:1.45;color:#1b1f24;background:#fff}a{color:#0b5cad;display:inline-flex;align-items:center;min-height:2.75rem}@media (prefers-color-scheme:dark){body{color:#e8eaed;background:#15191e}a{color:#7ab8ff}}</style>
</head><body><main class="erased">
<h1>${escape(e.doneTitle)}</h1>
<p>${escape(e.done)}</p>
<p>${escape(e.history)}</p>
<p><a href="/">${escape(e.reopen)}</a></p>
</main></body></html>`;
  const headers = new Headers({
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'clear-site-data': '"cache", "cookies", "storage"',
  });
  // Expired copies, for a browser that does not clear cookies itself: the device key's is HttpOnly, out of a script's reach.
  headers.append('set-cookie', `${DEVICE_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`);
  headers.append('set-cookie', `${LANGUAGE_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax`);
  return new Response(html, { status: 200, headers });
}

/** Any other method gets a coded 405 naming the ones this route takes. */
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');

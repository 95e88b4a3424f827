// What a page answers while the database cannot be reached: a 503 in the
// reader's language that says so and reloads itself, with no script, rather
// than Next.js's 500 with an empty body (a blank screen) or "Internal error".
// A phone that has Kordon's service worker shows its stored copy instead
// (worker/service-worker.ts); a first visit gets this.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { toAppError } from '../lib/errors';
import { LANGUAGE_COOKIE, pickLanguage } from '../lib/i18n/languages';
import { MESSAGES } from '../lib/i18n/messages';
import { PAGE_MESSAGES } from '../lib/i18n/page-messages';
import { cookieValue, NO_SCRIPT_POLICY } from './list-page';
import { CHECKPOINT_PAGE } from './not-found-page';
import { requestTarget } from './request-target';

/** Seconds until the page (and a client that reads Retry-After) tries again. */
const RETRY_SECONDS = 30;

/** The database is away, however the error says it (toAppError tells an outage from a bug). */
export const isUnavailable = (error: unknown) => toAppError(error).code === 'unavailable';

/**
 * Reads what the live pages (`/`, `/checkpoints/<id>`) are made of before Next.js renders them; a failure goes to
 * the server's catch, which answers with this page. A read that works is cached, and Next.js's is then free.
 */
export function createLivePageCheck(checkpoints: () => Promise<unknown>) {
  return async function checkLivePage(req: IncomingMessage): Promise<false> {
    const path = requestTarget(req)?.pathname;
    if ((req.method === 'GET' || req.method === 'HEAD') && path !== undefined && (path === '/' || CHECKPOINT_PAGE.test(path))) await checkpoints();
    return false;
  };
}

export function answerUnavailable(req: IncomingMessage, res: ServerResponse): void {
  const lang = pickLanguage({ cookie: cookieValue(req.headers.cookie, LANGUAGE_COOKIE), acceptLanguage: req.headers['accept-language'] });
  const m = PAGE_MESSAGES[lang].unavailable;
  // The form without scripts lands here after its report was refused for the same outage (lib/ui/no-script-form.ts):
  // the person must hear that it was not saved, and the reload keeps what they typed in the address.
  const refusedReport = requestTarget(req)?.searchParams.get('report') === 'refused';
  const html =
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta name="color-scheme" content="light dark"><meta http-equiv="refresh" content="${RETRY_SECONDS}"><title>${m.title} — ${MESSAGES[lang].appName}</title>` +
    `<style>body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:40rem;padding:1rem}a{display:inline-block;padding:.6rem 0}</style></head>` +
    `<body><h1>${m.title}</h1>${refusedReport ? `<p><strong>${m.reportNotSaved}</strong></p>` : ''}<p>${m.text}</p><p><a href="">${m.retry}</a></p></body></html>`;
  res.setHeader('Content-Security-Policy', NO_SCRIPT_POLICY);
  res.writeHead(503, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'retry-after': String(RETRY_SECONDS) });
  res.end(req.method === 'HEAD' ? undefined : html);
}

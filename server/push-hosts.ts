// Which hosts Kordon sends pushes to: the browsers' own push services, and no other address a subscription names.

/** Chrome's (FCM), Firefox's, Edge's (WNS) and Safari's. */
export const DEFAULT_PUSH_SERVICE_HOSTS = ['fcm.googleapis.com', 'updates.push.services.mozilla.com', '*.notify.windows.com', 'web.push.apple.com', '*.push.apple.com'];

/** Whether a URL's host (and port) is one of the patterns: exact, or `*.` for any subdomain of the rest. */
export function hostAllowed(url: URL, patterns: readonly string[]): boolean {
  const host = url.host.toLowerCase();
  return patterns.some((pattern) => {
    const p = pattern.toLowerCase();
    return p.startsWith('*.') ? host.endsWith(p.slice(1)) && host.length > p.length - 1 : host === p;
  });
}

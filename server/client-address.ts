// The address a request comes from, for rate limits only (never stored or
// logged). Behind a load balancer every request arrives from the balancer;
// the X-Forwarded-For it adds is believed only from the proxies named in
// TRUST_PROXY, so a client cannot choose its own address by sending one.
import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

export type ClientAddress = (req: IncomingMessage) => string;

/** Throws on an entry proxy-addr cannot read (config validation uses this). */
export function compileTrust(trusted: readonly string[]): (address: string, hop: number) => boolean {
  return proxyaddr.compile([...trusted]);
}

export function makeClientAddress(trusted: readonly string[]): ClientAddress {
  const trust = compileTrust(trusted);
  // A socket already gone has no address; it can only share one bucket.
  return (req) => (req.socket.remoteAddress ? proxyaddr(req, trust) : 'unknown');
}

// The address a request comes from, for rate limits only (never stored or
// logged). Behind a load balancer every request arrives from the balancer;
// the X-Forwarded-For it adds is believed only from the proxies named in
// TRUST_PROXY, so a client cannot choose its own address by sending one.
// One client is one key however its address is spelt: an IPv4 address seen as
// ::ffff:a.b.c.d is that IPv4 address, and an IPv6 address counts by its
// network prefix (a phone is handed a whole /64 and may pick any of its 2^64).
import type { IncomingMessage } from 'node:http';
import ipaddr from 'ipaddr.js';
import proxyaddr from 'proxy-addr';

export type ClientAddress = (req: IncomingMessage) => string;

/** Throws on an entry proxy-addr cannot read (config validation uses this). */
export function compileTrust(trusted: readonly string[]): (address: string, hop: number) => boolean {
  return proxyaddr.compile([...trusted]);
}

/** The key an address is limited by: IPv4 as is (unmapped), IPv6 as its `ipv6Prefix`-bit network. */
export function addressKey(address: string, ipv6Prefix: number): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const bytes = parsed.toByteArray();
  for (let bit = ipv6Prefix; bit < 128; bit += 1) bytes[bit >> 3]! &= ~(0x80 >> (bit & 7));
  return `${ipaddr.fromByteArray(bytes).toString()}/${ipv6Prefix}`;
}

export function makeClientAddress(trusted: readonly string[], ipv6Prefix: number): ClientAddress {
  const trust = compileTrust(trusted);
  // A socket already gone has no address; it can only share one bucket.
  return (req) => (req.socket.remoteAddress ? addressKey(proxyaddr(req, trust), ipv6Prefix) : 'unknown');
}

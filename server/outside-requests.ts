// Next.js runs each request inside AsyncLocalStorage stores of its own (the request, its headers, its body), and
// Node hands the current stores on to whatever code running then creates: a timer, a promise, a socket. What the
// domain creates to outlive one request then holds the whole request with it: the rate limits' timer that ends a new
// device's 6-hour window held 33 KB a report from a new device (`npm run bench:memory`), so a node would run out of
// memory in the very week everyone reports; a cached read or a pooled connection made during a request would do the
// same. The services the server hands to Next's routes and pages therefore run in a context made when the server
// starts, which holds no request.
import { AsyncResource } from 'node:async_hooks';
import { types } from 'node:util';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  // A proxy (the database client is one) may answer for any key: not a record to copy.
  if (typeof value !== 'object' || value === null || types.isProxy(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * A copy of `services` in which every function, at the top and in nested plain objects, runs outside the caller's
 * async context. Instances of classes and proxies (the database client, the logger) are handed over as they are:
 * they are not the domain's front door, and their own methods may rely on their prototype.
 */
export function outsideRequests<T extends object>(services: T): T {
  const scope = new AsyncResource('kordon.services');
  const copy = (holder: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(holder).map(([name, value]) => {
        if (typeof value === 'function') return [name, (...args: unknown[]) => scope.runInAsyncScope(value as (...a: unknown[]) => unknown, holder, ...args)];
        if (isPlainObject(value)) return [name, copy(value)];
        return [name, value];
      }),
    );
  return copy(services as Record<string, unknown>) as T;
}

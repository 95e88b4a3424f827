// Headers the HTTP server (server/http-server.ts) sets on every request for the route handlers, overwriting
// anything a client sent, so that a client can never set them itself.

/** The peer's address (for rate limits only). */
export const PEER_ADDRESS_HEADER = 'x-kordon-peer-address';
/** The request's path, without its query: what a "not found" page names (Next.js does not tell it). */
export const PATH_HEADER = 'x-kordon-path';

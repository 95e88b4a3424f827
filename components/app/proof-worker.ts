// One of the page's proof-of-work workers: tries counters (every n-th, from its
// own start) until the derived key matches, off the page's own thread, so that
// typing and scrolling never wait for it. ALTCHA's own worker protocol.
import { handler } from 'altcha-lib/workers/shared';
import { deriveKey } from 'altcha-lib/algorithms/web/pbkdf2';

handler({ deriveKey });

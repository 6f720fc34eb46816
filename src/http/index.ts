/**
 * HTTP plumbing that other adapters' routes reuse (web chat). The app itself (`app.ts`) is not exported here: it
 * mounts the channels' routes, so only the composition root imports it.
 */
export { bearerSecret } from './auth.js';
export { limitBody } from './body-limit.js';
export { clientAddress } from './client-address.js';
export { selfOrigin, selfOrigins, type ListenAddress } from './self-origin.js';
export { emailUnsubscribeUrl } from './routes/email-unsubscribe.js';
export { createMetrics } from './metrics.js';

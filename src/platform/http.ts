import { loadNodeFetch, VuedClient } from '../core/api/client';
import { cachedUntilFailure } from '../core/api/lazy';
import { readConfig } from './config';
import { Log } from './log';

/**
 * node-fetch is loaded on the first request, not at activation: esbuild wraps the bundled module so
 * that its code only runs when the dynamic import is reached. Shared by every client; a failed load
 * is not kept, so the next request loads again.
 */
const sharedFetch = cachedUntilFailure(loadNodeFetch);

/** A client for one API and one token, as checked and read by the caller; vued.requestTimeoutSeconds applies. */
export function createClient(baseUrl: string, token: string, log: Log): VuedClient {
  const timeoutMs = readConfig().requestTimeoutMs;
  return new VuedClient({ baseUrl, getToken: async () => token, fetch: sharedFetch, timeoutMs, logger: log, userAgent: 'vued-api-keys-vscode' });
}

/** Starts loading the HTTP layer now (e.g. while the user answers questions); a failure is left to the request. */
export function preloadHttp(): void {
  sharedFetch().catch(() => undefined);
}

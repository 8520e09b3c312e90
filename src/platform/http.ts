import { FetchLike, loadNodeFetch, VuedClient } from '../core/api/client';
import { readConfig } from './config';
import { Log } from './log';

let loaded: Promise<FetchLike> | undefined;

/**
 * node-fetch is loaded on the first request, not at activation: esbuild wraps the bundled module so
 * that its code only runs when the dynamic import is reached.
 */
function lazyFetch(): Promise<FetchLike> {
  loaded ??= loadNodeFetch();
  return loaded;
}

/** A client for one API and one token, as checked and read by the caller; vued.requestTimeoutSeconds applies. */
export function createClient(baseUrl: string, token: string, log: Log): VuedClient {
  const timeoutMs = readConfig().requestTimeoutMs;
  return new VuedClient({ baseUrl, getToken: async () => token, fetch: lazyFetch, timeoutMs, logger: log, userAgent: 'vued-api-keys-vscode' });
}

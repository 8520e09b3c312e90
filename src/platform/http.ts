import type { FetchLike, VuedClient } from '../core/api/client';
import { cachedUntilFailure } from '../core/api/lazy';
import { loadHttpClient } from '../lazy';
import { readConfig } from './config';
import type { Log } from './log';

/**
 * Makes API clients that share one HTTP loader. The client and node-fetch are not part of the
 * activation bundle: the first client made loads dist/http.js (src/lazy.ts), and node-fetch is
 * loaded on the first request. A failed load is not kept, so the next request loads again. One
 * instance per window, owned by the services.
 */
export class HttpClients {
  private readonly fetch: () => Promise<FetchLike> = cachedUntilFailure(() => loadHttpClient().loadNodeFetch());

  constructor(private readonly log: Log) {}

  /** A client for one API and one token, as checked and read by the caller; vued.requestTimeoutSeconds applies. */
  create(baseUrl: string, token: string): VuedClient {
    const timeoutMs = readConfig().requestTimeoutMs;
    const { VuedClient: Client } = loadHttpClient();
    return new Client({ baseUrl, getToken: async () => token, fetch: this.fetch, timeoutMs, logger: this.log, userAgent: 'vued-api-keys-vscode' });
  }

  /** Starts loading the HTTP layer now (e.g. while the user answers questions); a failure is left to the request. */
  preload(): void {
    this.fetch().catch(() => undefined);
  }
}

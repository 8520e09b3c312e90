import type { FetchLike, VuedClient } from '../core/api/client';
import { cachedUntilFailure } from '../core/api/lazy';
import { loadHttpClient } from '../lazy';
import { readConfig } from './config';
import type { Log } from './log';

/**
 * Makes API clients that share one HTTP loader. The client and its HTTP layer (core/api/nodeHttp.ts,
 * over Node's own http/https) are not part of the activation bundle: the first client made loads
 * dist/http.js (src/lazy.ts), which carries both. A failed load is not kept, so the next request
 * loads again. One instance per window, owned by the services.
 */
export class HttpClients {
  private readonly fetch: () => Promise<FetchLike> = cachedUntilFailure(() => loadHttpClient().loadNodeHttp());

  constructor(private readonly log: Log) {}

  /** A client for one API and one token, as checked and read by the caller; vued.requestTimeoutSeconds applies. */
  create(baseUrl: string, token: string): VuedClient {
    const timeoutMs = readConfig().requestTimeoutMs;
    const { VuedClient: Client } = loadHttpClient();
    return new Client({ baseUrl, getToken: async () => token, fetch: this.fetch, timeoutMs, logger: this.log, userAgent: 'vued-api-keys-vscode' });
  }

  /**
   * Readies the HTTP layer now (e.g. while the user answers questions), loading dist/http.js if no
   * client has yet; a failure is left to the request.
   */
  preload(): void {
    this.fetch().catch(() => undefined);
  }
}

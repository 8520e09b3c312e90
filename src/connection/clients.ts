import { type VuedClient, VuedClient as Client } from '../core/api/client';
import { nodeHttp } from '../core/api/nodeHttp';
import { readConfig } from '../platform/config';
import type { Log } from '../platform/log';
import type { TokenHealth } from './tokenHealth';

/**
 * Makes API clients over Node's own http/https (core/api/nodeHttp.ts). One instance per window,
 * owned by the services. Every answer a client gets is told to the token health, so a token the
 * server rejects later (401) is known as soon as any request finds it out, and a request that works
 * with it again clears that.
 */
export class HttpClients {
  constructor(private readonly log: Log, private readonly health: TokenHealth) {}

  /**
   * A client for one API and one token, as checked and read by the caller; vued.requestTimeoutSeconds
   * applies. `checking`: a token being checked before it is stored, whose answers say nothing
   * about the token the host has now.
   */
  create(baseUrl: string, token: string, opts: { checking?: boolean } = {}): VuedClient {
    const timeoutMs = readConfig().requestTimeoutMs;
    let origin: string | undefined;
    try {
      origin = new URL(baseUrl).origin;
    } catch {
      origin = undefined; // the client refuses the address itself, before anything is sent
    }
    const watched = origin !== undefined && opts.checking !== true;
    const fetch: typeof nodeHttp = watched
      ? async (url, init) => {
          const response = await nodeHttp(url, init);
          this.health.answered(origin!, token, response.status);
          return response;
        }
      : nodeHttp;
    return new Client({ baseUrl, getToken: async () => token, fetch, timeoutMs, logger: this.log, userAgent: 'vued-api-keys-vscode' });
  }
}

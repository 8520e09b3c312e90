import { type VuedClient, VuedClient as Client } from '../core/api/client';
import { nodeHttp } from '../core/api/nodeHttp';
import { readConfig } from '../platform/config';
import type { Log } from '../platform/log';

/** Makes API clients over Node's own http/https (core/api/nodeHttp.ts). One instance per window, owned by the services. */
export class HttpClients {
  constructor(private readonly log: Log) {}

  /** A client for one API and one token, as checked and read by the caller; vued.requestTimeoutSeconds applies. */
  create(baseUrl: string, token: string): VuedClient {
    const timeoutMs = readConfig().requestTimeoutMs;
    return new Client({ baseUrl, getToken: async () => token, fetch: nodeHttp, timeoutMs, logger: this.log, userAgent: 'vued-api-keys-vscode' });
  }
}

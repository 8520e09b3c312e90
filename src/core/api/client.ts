/**
 * HTTP client for the Vued Public API. Plain TypeScript: the fetch implementation, the token and
 * the logger are passed in.
 *
 * Rules it keeps:
 * - one request per call, never a retry (creating a key is not idempotent);
 * - redirects are not followed, so the bearer token only ever goes to the configured origin;
 * - every request has a timeout and honours the caller's AbortSignal;
 * - the log gets one line per request (method, URL, status, duration) and, on failure, the error
 *   detail; never header values, never a response body of a successful call.
 */
import { checkBaseUrl } from '../baseUrl';
import { createRedactor } from '../redact';
import type { Logger } from '../log';
import {
  ApiError,
  cancelledError,
  httpError,
  MAYBE_CREATED,
  networkError,
  notJsonError,
  parseRetryAfter,
  safeUrl,
  timeoutError,
} from './errors';
import { extractServerMessage } from './serverMessage';
import type { ApiKeyCreate, CreatedPublicApiKey, Organization, PublicApiKey } from './types';
import { parseApiKeyList, parseCreatedApiKey, parseOrganizationList } from './validate';

export interface FetchLikeResponse {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export type FetchLike = (
  url: string,
  init: {
    method: string;
    headers: Record<string, string>;
    body?: string;
    signal: AbortSignal;
    redirect: 'manual';
  },
) => Promise<FetchLikeResponse>;

export interface VuedClientOptions {
  baseUrl: string;
  getToken: () => Promise<string>;
  /** Loaded lazily on the first request (node-fetch is ESM-only and costs time to import). */
  fetch: () => Promise<FetchLike>;
  timeoutMs: number;
  logger: Logger;
  userAgent?: string;
}

/** node-fetch adapted to FetchLike. A real dynamic import: node-fetch 3 is ESM-only. */
export async function loadNodeFetch(): Promise<FetchLike> {
  const mod = await import('node-fetch');
  const nodeFetch = mod.default;
  return (url, init) => nodeFetch(url, init as unknown as Parameters<typeof nodeFetch>[1]) as unknown as Promise<FetchLikeResponse>;
}

interface RequestSpec {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  body?: string;
  signal?: AbortSignal;
  /** Statuses accepted as success. Default: any 2xx. */
  okStatuses?: number[];
  /** When set, 404/405/501 become kind 'unsupported' naming this operation. */
  unsupportedOperation?: string;
  /** POST that creates something: timeouts and cut connections may still have created it. */
  mayHaveSideEffect?: boolean;
  /** The answer is read as JSON (all calls but DELETE). */
  expectJson: boolean;
}

interface RawAnswer {
  status: number;
  json: unknown;
  url: string;
}

export class VuedClient {
  private fetchPromise: Promise<FetchLike> | undefined;

  constructor(private readonly options: VuedClientOptions) {}

  /** POST /orgs/{org_id}/api-keys. The answer holds the secret: it is never logged. */
  async createApiKey(orgId: string, body: ApiKeyCreate, signal?: AbortSignal): Promise<CreatedPublicApiKey> {
    const payload = JSON.stringify({
      name: body.name,
      scopes: body.scopes,
      expires_at: body.expires_at === undefined ? null : body.expires_at,
    });
    const answer = await this.request({
      method: 'POST',
      path: `/orgs/${segment(orgId, 'organization ID')}/api-keys`,
      body: payload,
      signal,
      mayHaveSideEffect: true,
      expectJson: true,
    });
    return this.parse('POST', answer, () => parseCreatedApiKey(answer.json, { method: 'POST', url: answer.url, hint: MAYBE_CREATED }));
  }

  /** GET /orgs/{org_id}/api-keys (not in the contract: 404/405/501 → kind 'unsupported'). */
  async listApiKeys(orgId: string, signal?: AbortSignal): Promise<PublicApiKey[]> {
    const answer = await this.request({
      method: 'GET',
      path: `/orgs/${segment(orgId, 'organization ID')}/api-keys`,
      signal,
      unsupportedOperation: 'listing API keys',
      expectJson: true,
    });
    return this.parse('GET', answer, () => parseApiKeyList(answer.json, { method: 'GET', url: answer.url }));
  }

  /** DELETE /orgs/{org_id}/api-keys/{key_id} (not in the contract: 404/405/501 → kind 'unsupported'). */
  async revokeApiKey(orgId: string, keyId: string, signal?: AbortSignal): Promise<void> {
    await this.request({
      method: 'DELETE',
      path: `/orgs/${segment(orgId, 'organization ID')}/api-keys/${segment(keyId, 'key ID')}`,
      signal,
      okStatuses: [200, 202, 204],
      unsupportedOperation: 'revoking API keys',
      expectJson: false,
    });
  }

  /** GET /orgs (not in the contract: a 404 there is an ordinary notFound for the caller to handle). */
  async listOrganizations(signal?: AbortSignal): Promise<Organization[]> {
    const answer = await this.request({ method: 'GET', path: '/orgs', signal, expectJson: true });
    return this.parse('GET', answer, () => parseOrganizationList(answer.json, { method: 'GET', url: answer.url }));
  }

  /** Runs a shape check; a failure is logged by field name only (the body is never logged). */
  private parse<T>(method: string, answer: RawAnswer, check: () => T): T {
    try {
      return check();
    } catch (e) {
      if (e instanceof ApiError) {
        this.options.logger.error(`${method} ${safeUrl(answer.url)} → ${answer.status}, shape check failed (${e.kind}): ${e.message}`);
      }
      throw e;
    }
  }

  private loadFetch(): Promise<FetchLike> {
    if (!this.fetchPromise) {
      const loading = this.options.fetch();
      this.fetchPromise = loading;
      // A failed load is not cached: the next request tries again.
      loading.catch(() => {
        if (this.fetchPromise === loading) this.fetchPromise = undefined;
      });
    }
    return this.fetchPromise;
  }

  private async request(spec: RequestSpec): Promise<RawAnswer> {
    const { method } = spec;
    const log = this.options.logger;

    const base = checkBaseUrl(this.options.baseUrl);
    if (!base.ok) {
      const err = new ApiError({ kind: 'badRequest', message: base.reason, method });
      log.error(`${method} ${spec.path} → not sent: ${err.detail}`);
      throw err;
    }
    const url = `${base.url}${spec.path}`;
    const shownUrl = safeUrl(url);

    let token: string;
    try {
      token = await this.options.getToken();
    } catch (e) {
      const err =
        e instanceof ApiError
          ? e
          : new ApiError({ kind: 'auth', message: 'The access token could not be read. Set the token again and retry.', method, url });
      log.error(`${method} ${shownUrl} → not sent: ${err.detail}`);
      throw err;
    }
    let fetchImpl: FetchLike;
    try {
      fetchImpl = await this.loadFetch();
    } catch (e) {
      const err = new ApiError({
        kind: 'network',
        message: 'The HTTP client could not be loaded. Reload the window and try again.',
        method,
        url,
        code: e instanceof Error ? e.name : undefined,
      });
      log.error(`${method} ${shownUrl} → not sent: ${err.detail}`);
      throw err;
    }
    token = typeof token === 'string' ? token.trim() : '';
    if (token === '') {
      const err = new ApiError({ kind: 'auth', message: 'No Vued access token is set. Set a token and try again.', method, url });
      log.warn(`${method} ${shownUrl} → not sent: no access token`);
      throw err;
    }
    // eslint-disable-next-line no-control-regex
    if (/[\s\u0000-\u001f\u007f]/.test(token)) {
      const err = new ApiError({
        kind: 'auth',
        message: 'The access token contains spaces or line breaks. Set the token again, pasting only the token.',
        method,
        url,
      });
      log.warn(`${method} ${shownUrl} → not sent: the token contains whitespace`);
      throw err;
    }

    const headers: Record<string, string> = {
      Accept: 'application/json',
      Authorization: `Bearer ${token}`,
    };
    if (spec.body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.options.userAgent) headers['User-Agent'] = this.options.userAgent;

    if (spec.signal?.aborted) {
      log.info(`${method} ${shownUrl} → cancelled before it was sent`);
      throw cancelledError({ method, url });
    }

    const controller = new AbortController();
    let timedOut = false;
    const onCallerAbort = (): void => controller.abort();
    spec.signal?.addEventListener('abort', onCallerAbort, { once: true });
    const started = Date.now();
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.options.timeoutMs);
    const elapsed = (): number => Date.now() - started;

    let status: number;
    let responseHeaders: FetchLikeResponse['headers'];
    let text: string;
    try {
      const response = await fetchImpl(url, {
        method,
        headers,
        body: spec.body,
        signal: controller.signal,
        redirect: 'manual',
      });
      status = response.status;
      responseHeaders = response.headers;
      // The body is read under the same timeout (also for a 3xx, so the connection is released).
      text = await response.text();
    } catch (e) {
      let err: ApiError;
      if (spec.signal?.aborted) {
        err = cancelledError({ method, url });
        log.info(`${method} ${shownUrl} → cancelled after ${elapsed()} ms`);
      } else if (timedOut) {
        err = timeoutError({ method, url, timeoutMs: this.options.timeoutMs, mayHaveSideEffect: spec.mayHaveSideEffect });
        log.error(`${method} ${shownUrl} → no answer in ${elapsed()} ms (${err.detail})`);
      } else {
        err = networkError(e, { method, url, mayHaveSideEffect: spec.mayHaveSideEffect });
        log.error(`${method} ${shownUrl} → failed in ${elapsed()} ms (${err.detail})`);
      }
      throw err;
    } finally {
      clearTimeout(timer);
      spec.signal?.removeEventListener('abort', onCallerAbort);
    }

    const took = `${status} in ${elapsed()} ms`;

    if (status >= 300 && status < 400) {
      const location = responseHeaders.get('location');
      let target = 'another address';
      if (location) {
        try {
          target = safeUrl(new URL(location, url).toString());
        } catch {
          target = 'an unreadable address';
        }
      }
      const err = new ApiError({
        kind: 'network',
        status,
        method,
        url,
        message: `Vued redirected the request to ${target}; it was not followed and the token was not sent there. Check vued.apiBaseUrl.`,
      });
      log.error(`${method} ${shownUrl} → ${took} (redirect to ${target} not followed)`);
      throw err;
    }

    const ok = spec.okStatuses ? spec.okStatuses.includes(status) : status >= 200 && status < 300;
    if (!ok) {
      if (status >= 200 && status < 300) {
        const err = new ApiError({
          kind: 'malformed',
          status,
          method,
          url,
          message: `Vued answered ${status}, which this operation does not expect. Refresh and check the result.`,
        });
        log.error(`${method} ${shownUrl} → ${took} (${err.detail})`);
        throw err;
      }
      const contentType = responseHeaders.get('content-type');
      const err =
        status >= 400
          ? httpError({
              method,
              url,
              status,
              serverMessage: scrubbed(extractServerMessage(text, contentType), token),
              retryAfterSeconds: parseRetryAfter(responseHeaders.get('retry-after')),
              unsupportedOperation: spec.unsupportedOperation,
            })
          : new ApiError({ kind: 'malformed', status, method, url, message: `Vued answered with an unexpected status (${status}).` });
      const line = `${method} ${shownUrl} → ${took} (${err.detail})`;
      if (err.kind === 'server' || err.kind === 'malformed') log.error(line);
      else log.warn(line);
      throw err;
    }

    if (!spec.expectJson) {
      log.info(`${method} ${shownUrl} → ${took}`);
      return { status, json: undefined, url };
    }

    let json: unknown;
    try {
      if (text.trim() === '') throw new SyntaxError('empty');
      json = JSON.parse(text);
    } catch {
      const err = notJsonError({
        method,
        url,
        status,
        contentType: responseHeaders.get('content-type'),
        empty: text.trim() === '',
        mayHaveSideEffect: spec.mayHaveSideEffect,
      });
      log.error(`${method} ${shownUrl} → ${took} (${err.detail}; body not logged)`);
      throw err;
    }
    log.info(`${method} ${shownUrl} → ${took}`);
    return { status, json, url };
  }
}

/** A server that echoes the bearer token in its error text must not get it into the log. */
function scrubbed(message: string | undefined, token: string): string | undefined {
  if (message === undefined) return undefined;
  const redactor = createRedactor();
  redactor.addSecret(token);
  return redactor.redact(message);
}

function segment(value: string, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ApiError({ kind: 'badRequest', message: `The ${what} is empty. Choose one and try again.` });
  }
  return encodeURIComponent(value.trim());
}

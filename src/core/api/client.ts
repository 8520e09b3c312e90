/**
 * HTTP client for the Vued Public API. Plain TypeScript: the fetch implementation, the token and
 * the logger are passed in.
 *
 * Rules it keeps:
 * - one request per call, never a retry (creating a key is not idempotent);
 * - redirects are not followed, so the bearer token only ever goes to the configured origin;
 * - every request has a timeout and honours the caller's AbortSignal;
 * - the log gets one line per request (method, URL, status, duration) and, on failure, the error
 *   detail; never header values, never a response body of a successful call;
 * - a reply body is read as it streams and dropped past MAX_BODY_BYTES; nothing is decompressed;
 * - nothing but an ApiError leaves it, and every ApiError it throws has a log line.
 */
import { checkBaseUrl } from '../connection/baseUrl';
import { english, type Message, type MessageArg, msg } from '../common/messages';
import { tokenProblem } from './token';
import type { Logger } from '../common/log';
import {
  ApiError,
  cancelledError,
  httpError,
  MAYBE_CREATED_MESSAGE,
  networkError,
  notJsonError,
  parseRetryAfter,
  safeUrl,
  timeoutError,
} from './errors';
import { extractServerMessage } from './serverMessage';
import type { ApiKeyCreate, CreatedPublicApiKey, Organization, PublicApiKey } from './types';
import { accountNameOf, parseApiKeyList, parseCreatedApiKey, parseOrganizationList } from './validate';

/** What a token check's read tells beyond "the token works": who it belongs to, when the answer says. */
export interface TokenRead {
  account?: string;
}

export interface FetchLikeResponse {
  status: number;
  headers: { get(name: string): string | null };
  /** The body as it arrives (core/api/nodeHttp.ts: the IncomingMessage), read chunk by chunk so it can be capped. */
  body: AsyncIterable<Uint8Array> | null;
}

export type FetchLike = (
  url: string,
  init: {
    method: string;
    headers: Record<string, string>;
    body?: string;
    signal: AbortSignal;
  },
) => Promise<FetchLikeResponse>;

/**
 * The largest reply body read, counted in bytes as they stream in (nothing is decompressed). A key
 * list of 1,000 keys is about 300 KB; 1 MiB is far beyond anything the API sends, and small enough
 * that a hostile or broken server cannot make the extension host hold much.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Of an error reply only the start is read: the server's words are in its first 64 KiB or nowhere. */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;

export interface VuedClientOptions {
  baseUrl: string;
  getToken: () => Promise<string>;
  /** The HTTP layer (core/api/nodeHttp.ts): sends exactly the request given, follows no redirect, adds no Accept-Encoding. */
  fetch: FetchLike;
  timeoutMs: number;
  logger: Logger;
  userAgent?: string;
}

interface RequestSpec {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  body?: string;
  signal?: AbortSignal;
  /** Statuses accepted as success. Default: any 2xx. */
  okStatuses?: number[];
  /** When set, 404/405/501 become kind 'unsupported' naming this operation. */
  unsupportedOperation?: Message;
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
      path: `/orgs/${this.segment('POST', orgId, msg('client.organizationId'))}/api-keys`,
      body: payload,
      signal,
      mayHaveSideEffect: true,
      expectJson: true,
    });
    return this.parse('POST', answer, () => parseCreatedApiKey(answer.json, { method: 'POST', url: answer.url, hint: MAYBE_CREATED_MESSAGE }));
  }

  /** GET /orgs/{org_id}/api-keys (not in the contract: 404/405/501 → kind 'unsupported'). */
  async listApiKeys(orgId: string, signal?: AbortSignal): Promise<PublicApiKey[]> {
    return (await this.readApiKeys(orgId, signal)).keys;
  }

  /** GET /orgs/{org_id}/api-keys: the keys, and the answer's JSON as it came (for who the token belongs to). */
  private async readApiKeys(orgId: string, signal?: AbortSignal): Promise<{ keys: PublicApiKey[]; json: unknown }> {
    const answer = await this.request({
      method: 'GET',
      path: `/orgs/${this.segment('GET', orgId, msg('client.organizationId'))}/api-keys`,
      signal,
      unsupportedOperation: msg('api.listingKeys'),
      expectJson: true,
    });
    return { keys: this.parse('GET', answer, () => parseApiKeyList(answer.json, { method: 'GET', url: answer.url })), json: answer.json };
  }

  /** DELETE /orgs/{org_id}/api-keys/{key_id} (not in the contract: 404/405/501 → kind 'unsupported'). */
  async revokeApiKey(orgId: string, keyId: string, signal?: AbortSignal): Promise<void> {
    await this.request({
      method: 'DELETE',
      path: `/orgs/${this.segment('DELETE', orgId, msg('client.organizationId'))}/api-keys/${this.segment('DELETE', keyId, msg('client.keyId'))}`,
      signal,
      okStatuses: [200, 202, 204],
      unsupportedOperation: msg('api.revokingKeys'),
      expectJson: false,
    });
  }

  /** GET /orgs (not in the contract: a 404 there is an ordinary notFound for the caller to handle). */
  async listOrganizations(signal?: AbortSignal): Promise<Organization[]> {
    const answer = await this.request({ method: 'GET', path: '/orgs', signal, expectJson: true });
    return this.parse('GET', answer, () => parseOrganizationList(answer.json, { method: 'GET', url: answer.url }));
  }

  /**
   * GET /orgs as a token check reads it: a read that needs the token and changes nothing. Answers
   * who the token belongs to when the answer says it. Not in the contract: 404/405/501 → kind 'unsupported'.
   */
  async checkWithOrganizations(signal?: AbortSignal): Promise<TokenRead> {
    const answer = await this.request({ method: 'GET', path: '/orgs', signal, unsupportedOperation: msg('api.listingOrganizations'), expectJson: true });
    this.parse('GET', answer, () => parseOrganizationList(answer.json, { method: 'GET', url: answer.url }));
    return { account: accountNameOf(answer.json) };
  }

  /** GET /orgs/{org_id}/api-keys as a token check reads it (see checkWithOrganizations); 404/405/501 → kind 'unsupported'. */
  async checkWithKeys(orgId: string, signal?: AbortSignal): Promise<TokenRead> {
    return { account: accountNameOf((await this.readApiKeys(orgId, signal)).json) };
  }

  /** Runs a shape check; a failure is logged by field name only (the body is never logged). */
  private parse<T>(method: string, answer: RawAnswer, check: () => T): T {
    try {
      return check();
    } catch (e) {
      const err =
        e instanceof ApiError
          ? e
          : new ApiError({
              kind: 'malformed',
              method,
              url: answer.url,
              status: answer.status,
              code: e instanceof Error ? e.name : undefined,
              message: method === 'POST' ? msg('client.answerUnreadableMaybeCreated', MAYBE_CREATED_MESSAGE) : msg('client.answerUnreadable'),
            });
      this.options.logger.error(`${method} ${safeUrl(answer.url)} → ${answer.status}, shape check failed (${err.kind}): ${err.message}`);
      throw err;
    }
  }

  /** One path segment, encoded; an empty one is refused (and logged) before anything is sent. */
  private segment(method: string, value: string, what: Message): string {
    if (typeof value !== 'string' || value.trim() === '') {
      const err = new ApiError({ kind: 'badRequest', message: msg('client.emptySegment', what), method });
      this.options.logger.warn(`${method} → not sent: ${err.detail} (empty ${english(what)})`);
      throw err;
    }
    return encodeURIComponent(value.trim());
  }

  /** Sends one request and reads its answer: prepare → send (with its timeout) → status → JSON. */
  private async request(spec: RequestSpec): Promise<RawAnswer> {
    const call = await this.prepare(spec);
    try {
      const reply = await this.send(spec, call);
      this.checkStatus(spec, call, reply);
      return this.readJson(spec, call, reply);
    } catch (e) {
      if (e instanceof ApiError) throw e;
      // Nothing else may leave the client: whatever a hostile answer provoked becomes our error.
      const err = new ApiError({
        kind: 'malformed',
        method: spec.method,
        url: call.url,
        code: e instanceof Error ? e.name : undefined,
        message: spec.mayHaveSideEffect ? msg('client.answerUnreadableMaybeCreated', MAYBE_CREATED_MESSAGE) : msg('client.answerUnreadableCheck'),
      });
      this.options.logger.error(`${spec.method} ${call.shownUrl} → ${err.detail}`);
      throw err;
    }
  }

  /** Everything before the request leaves: the base URL, the token, the HTTP layer, the headers. */
  private async prepare(spec: RequestSpec): Promise<PreparedCall> {
    const { method } = spec;
    const log = this.options.logger;

    const base = checkBaseUrl(this.options.baseUrl);
    if (!base.ok) {
      const err = new ApiError({ kind: 'badRequest', message: base.text, method });
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
          : new ApiError({ kind: 'auth', message: msg('client.tokenUnreadable'), method, url });
      log.error(`${method} ${shownUrl} → not sent: ${err.detail}`);
      throw err;
    }
    const fetchImpl = this.options.fetch;
    token = typeof token === 'string' ? token.trim() : '';
    if (token === '') {
      const err = new ApiError({ kind: 'auth', message: msg('client.noToken'), method, url });
      log.warn(`${method} ${shownUrl} → not sent: no access token`);
      throw err;
    }
    // Checked here too, not only where the token is typed: VUED_TOKEN and stored tokens skip that box.
    const problem = tokenProblem(token);
    if (problem) {
      const err = new ApiError({ kind: 'auth', message: msg('client.badToken', problem), method, url });
      log.warn(`${method} ${shownUrl} → not sent: the token has characters a token cannot hold`);
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
    return { url, shownUrl, token, headers, fetchImpl };
  }

  /**
   * Sends the request and reads the answer's body, both under one timeout and the caller's signal.
   * The body is counted as it streams: a success over MAX_BODY_BYTES fails, an error reply is read
   * up to MAX_ERROR_BODY_BYTES, a redirect not at all.
   */
  private async send(spec: RequestSpec, call: PreparedCall): Promise<Reply> {
    const { method } = spec;
    const { url, shownUrl } = call;
    const log = this.options.logger;
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

    let status = 0;
    try {
      const response = await call.fetchImpl(url, {
        method,
        headers: call.headers,
        body: spec.body,
        signal: controller.signal,
      });
      status = response.status;
      const success = status >= 200 && status < 300;
      const encoding = (response.headers.get('content-encoding') ?? 'identity').trim().toLowerCase();
      if (success && encoding !== '' && encoding !== 'identity') {
        const err = new ApiError({
          kind: 'malformed',
          status,
          method,
          url,
          code: `Content-Encoding ${encoding.slice(0, 20)}`,
          message: spec.mayHaveSideEffect ? msg('client.compressedMaybeCreated', status, MAYBE_CREATED_MESSAGE) : msg('client.compressed', status),
        });
        log.error(`${method} ${shownUrl} → ${status} in ${elapsed()} ms (${err.detail}; body not read)`);
        throw err;
      }
      let body: Body = { text: '', cut: false };
      if (status < 300 || status >= 400) {
        body = await readCapped(response.body, success ? MAX_BODY_BYTES : MAX_ERROR_BODY_BYTES);
      }
      if (success && body.cut) {
        const err = new ApiError({
          kind: 'malformed',
          status,
          method,
          url,
          code: `over ${MAX_BODY_BYTES} bytes`,
          message: spec.mayHaveSideEffect ? msg('client.tooLargeMaybeCreated', MAYBE_CREATED_MESSAGE) : msg('client.tooLarge'),
        });
        log.error(`${method} ${shownUrl} → ${status} in ${elapsed()} ms (${err.detail}; the rest was not read)`);
        throw err;
      }
      return { status, headers: response.headers, body, took: `${status} in ${elapsed()} ms` };
    } catch (e) {
      if (e instanceof ApiError) throw e;
      let err: ApiError;
      if (spec.signal?.aborted) {
        err = cancelledError({ method, url });
        log.info(`${method} ${shownUrl} → cancelled after ${elapsed()} ms`);
      } else if (timedOut) {
        err = timeoutError({ method, url, timeoutMs: this.options.timeoutMs, mayHaveSideEffect: spec.mayHaveSideEffect });
        log.error(`${method} ${shownUrl} → no answer in ${elapsed()} ms (${err.detail})`);
      } else {
        // With a status in hand the request certainly arrived; without one it may have.
        err = networkError(e, { method, url, mayHaveSideEffect: spec.mayHaveSideEffect, answered: status !== 0 });
        log.error(`${method} ${shownUrl} → failed in ${elapsed()} ms (${err.detail})`);
      }
      throw err;
    } finally {
      clearTimeout(timer);
      spec.signal?.removeEventListener('abort', onCallerAbort);
      // Whatever was not read is dropped with its connection.
      controller.abort();
    }
  }

  /** Status → error: redirects, unexpected 2xx, 4xx/5xx with the server's words (scrubbed). */
  private checkStatus(spec: RequestSpec, call: PreparedCall, reply: Reply): void {
    const { method } = spec;
    const { url, shownUrl } = call;
    const { status, headers, took } = reply;
    const log = this.options.logger;

    if (status >= 300 && status < 400) {
      const location = headers.get('location');
      let target: MessageArg = msg('client.anotherAddress');
      if (location) {
        try {
          target = safeUrl(new URL(location, url).toString());
        } catch {
          target = msg('client.unreadableAddress');
        }
      }
      const err = new ApiError({
        kind: 'network',
        status,
        method,
        url,
        // A redirect is an answer, not a refusal: a create may have happened before it (303 See Other).
        message: spec.mayHaveSideEffect ? msg('client.redirectMaybeCreated', target, MAYBE_CREATED_MESSAGE) : msg('client.redirect', target),
      });
      log.error(`${method} ${shownUrl} → ${took} (redirect to ${typeof target === 'string' ? target : english(target)} not followed)`);
      throw err;
    }

    const ok = spec.okStatuses ? spec.okStatuses.includes(status) : status >= 200 && status < 300;
    if (ok) return;
    if (status >= 200 && status < 300) {
      const err = new ApiError({
        kind: 'malformed',
        status,
        method,
        url,
        message: msg('client.unexpected2xx', status),
      });
      log.error(`${method} ${shownUrl} → ${took} (${err.detail})`);
      throw err;
    }
    const err =
      status >= 400
        ? httpError({
            method,
            url,
            status,
            serverMessage: extractServerMessage(reply.body.text, headers.get('content-type'), [call.token], reply.body.cut),
            retryAfterSeconds: parseRetryAfter(headers.get('retry-after')),
            unsupportedOperation: spec.unsupportedOperation,
          })
        : new ApiError({ kind: 'malformed', status, method, url, message: msg('api.unexpectedStatus', status) });
    const line = `${method} ${shownUrl} → ${took} (${err.detail})`;
    if (err.kind === 'server' || err.kind === 'malformed') log.error(line);
    else log.warn(line);
    throw err;
  }

  /** The body of a success as JSON (never logged). */
  private readJson(spec: RequestSpec, call: PreparedCall, reply: Reply): RawAnswer {
    const { method } = spec;
    const { url, shownUrl } = call;
    const { status, took } = reply;
    const text = reply.body.text;
    const log = this.options.logger;
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
        contentType: reply.headers.get('content-type'),
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

interface PreparedCall {
  url: string;
  shownUrl: string;
  token: string;
  headers: Record<string, string>;
  fetchImpl: FetchLike;
}

interface Body {
  text: string;
  /** More bytes followed than were read. */
  cut: boolean;
}

interface Reply {
  status: number;
  headers: FetchLikeResponse['headers'];
  body: Body;
  /** "200 in 12 ms", for the log. */
  took: string;
}

/** Reads at most `cap` bytes of a streaming body; stops (dropping the stream) as soon as more arrive. */
async function readCapped(body: AsyncIterable<Uint8Array> | null, cap: number): Promise<Body> {
  if (!body) return { text: '', cut: false };
  const parts: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of body) {
    const room = cap - bytes;
    if (chunk.byteLength > room) {
      parts.push(Buffer.from(chunk.buffer, chunk.byteOffset, room));
      return { text: Buffer.concat(parts).toString('utf8'), cut: true };
    }
    parts.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    bytes += chunk.byteLength;
  }
  return { text: Buffer.concat(parts).toString('utf8'), cut: false };
}

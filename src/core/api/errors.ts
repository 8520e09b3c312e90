/**
 * Typed errors of the Vued API client. Every ApiError carries a `kind` the UI can branch on and a
 * `message` that is one short sentence a user can act on. The full detail (status, the server's
 * own words, the error code) is kept in fields so the log can show it.
 */
import { brandApiError, UserFacingError } from '../errors';

export type ApiErrorKind =
  | 'badRequest'
  | 'auth'
  | 'forbidden'
  | 'notFound'
  | 'conflict'
  | 'rateLimited'
  | 'server'
  | 'network'
  | 'tls'
  | 'timeout'
  | 'cancelled'
  | 'malformed'
  | 'unsupported';

export interface ApiErrorInit {
  kind: ApiErrorKind;
  message: string;
  method?: string;
  url?: string;
  status?: number;
  serverMessage?: string;
  retryAfterSeconds?: number;
  /** Low-level code such as ECONNREFUSED or CERT_HAS_EXPIRED, for the log. */
  code?: string;
}

export class ApiError extends UserFacingError {
  readonly kind: ApiErrorKind;
  readonly status?: number;
  readonly serverMessage?: string;
  readonly retryAfterSeconds?: number;
  readonly code?: string;
  /** HTTP method of the failed request ('' when the error did not come from a request). */
  readonly method: string;
  /** URL of the failed request without user info, query or fragment ('' when unknown). */
  readonly url: string;

  constructor(init: ApiErrorInit) {
    super(init.message);
    brandApiError(this);
    this.name = 'ApiError';
    this.kind = init.kind;
    this.method = init.method ?? '';
    this.url = init.url ? safeUrl(init.url) : '';
    if (init.status !== undefined) this.status = init.status;
    if (init.serverMessage !== undefined) this.serverMessage = init.serverMessage;
    if (init.retryAfterSeconds !== undefined) this.retryAfterSeconds = init.retryAfterSeconds;
    if (init.code !== undefined) this.code = init.code;
  }

  /** One line for the log: kind, status, code and the server's words. Never holds header values. */
  get detail(): string {
    const parts: string[] = [this.kind];
    if (this.status !== undefined) parts.push(String(this.status));
    if (this.code) parts.push(this.code);
    let text = parts.join(' ');
    if (this.serverMessage) text += `: ${this.serverMessage}`;
    if (this.retryAfterSeconds !== undefined) text += ` (Retry-After ${this.retryAfterSeconds} s)`;
    return text;
  }
}

/** The kind an HTTP status maps to when nothing more specific applies. */
export function statusToKind(status: number): ApiErrorKind {
  if (status === 401) return 'auth';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'notFound';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rateLimited';
  if (status >= 500 && status <= 599) return 'server';
  if (status >= 400 && status <= 499) return 'badRequest';
  // A 3xx is only seen because redirects are not followed: the API is not where the URL points.
  if (status >= 300 && status <= 399) return 'network';
  return 'malformed';
}

/** Drops user info, query and fragment, so the URL can be logged and shown. */
export function safeUrl(raw: string): string {
  try {
    const u = new URL(raw);
    u.username = '';
    u.password = '';
    u.search = '';
    u.hash = '';
    return u.toString();
  } catch {
    const cut = raw.search(/[?#]/);
    return cut === -1 ? raw : raw.slice(0, cut);
  }
}

/** Host (and port) of a URL for messages such as "Could not connect to api.example.com". */
export function hostOf(raw: string): string {
  try {
    return new URL(raw).host || raw;
  } catch {
    return raw;
  }
}

/** The longest Retry-After taken literally (one day). */
export const MAX_RETRY_AFTER_SECONDS = 24 * 60 * 60;

/**
 * Retry-After is either delta-seconds or an HTTP date. Returns whole seconds from `now`
 * (never negative), or undefined when the header is absent, unreadable or over a day away.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const v = value.trim();
  if (v === '') return undefined;
  let seconds: number;
  if (/^\d{1,30}$/.test(v)) seconds = Number(v);
  else if (/^\d{1,30}\.\d{1,30}$/.test(v)) seconds = Math.ceil(Number(v));
  else {
    if (!/[a-z]/i.test(v)) return undefined; // an HTTP date names its day and month
    const when = Date.parse(v);
    if (Number.isNaN(when)) return undefined;
    seconds = Math.max(0, Math.ceil((when - now) / 1000));
  }
  // Beyond a day the figure means nothing a user can plan with: "try again later".
  return Number.isFinite(seconds) && seconds <= MAX_RETRY_AFTER_SECONDS ? seconds : undefined;
}

/** "45 s", "2 min", "1 h 5 min". */
export function formatSeconds(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 120) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

function withWords(serverMessage: string | undefined): string {
  if (!serverMessage) return '';
  return `: ${serverMessage.replace(/[.\s]+$/, '')}`;
}

export interface HttpErrorContext {
  method: string;
  url: string;
  status: number;
  serverMessage?: string;
  retryAfterSeconds?: number;
  /** Set when 404/405/501 mean "this server has no such operation" (list and revoke). */
  unsupportedOperation?: string;
}

/** The ApiError for an HTTP error status, with its user sentence. */
export function httpError(ctx: HttpErrorContext): ApiError {
  const { status, serverMessage } = ctx;
  let kind = statusToKind(status);
  if (ctx.unsupportedOperation && (status === 404 || status === 405 || status === 501)) kind = 'unsupported';
  const message = messageForStatus(kind, status, serverMessage, ctx.retryAfterSeconds, ctx.unsupportedOperation);
  return new ApiError({
    kind,
    message,
    method: ctx.method,
    url: ctx.url,
    status,
    serverMessage,
    retryAfterSeconds: kind === 'rateLimited' || kind === 'server' ? ctx.retryAfterSeconds : undefined,
  });
}

function messageForStatus(
  kind: ApiErrorKind,
  status: number,
  serverMessage: string | undefined,
  retryAfterSeconds: number | undefined,
  operation: string | undefined,
): string {
  const later = retryAfterSeconds !== undefined ? `try again in ${formatSeconds(retryAfterSeconds)}` : 'try again later';
  switch (kind) {
    case 'auth':
      return `Vued rejected the access token (${status}). Set a new token and try again.`;
    case 'forbidden':
      return `The access token has no permission for this organization (${status}). Pick another organization or use a token that has access to it.`;
    case 'notFound':
      return `Vued could not find this organization or endpoint (${status}). Check the organization ID and vued.apiBaseUrl.`;
    case 'conflict':
      return serverMessage
        ? `Vued reported a conflict (${status})${withWords(serverMessage)}.`
        : `Vued reported a conflict (${status}); a key with this name may already exist. Choose another name and try again.`;
    case 'rateLimited':
      return `Vued is limiting requests (${status}); ${later}.`;
    case 'server':
      return `Vued had a server error (${status})${withWords(serverMessage)}; ${later}.`;
    case 'unsupported':
      return status === 404
        ? `This Vued server does not offer ${operation ?? 'this operation'}, or the item no longer exists (404)${withWords(serverMessage)}.`
        : `This Vued server does not offer ${operation ?? 'this operation'} (${status}).`;
    case 'badRequest':
      return serverMessage
        ? `Vued refused the request (${status})${withWords(serverMessage)}.`
        : `Vued refused the request (${status}). Check the key name, scopes and expiry and try again.`;
    default:
      return `Vued answered with an unexpected status (${status})${withWords(serverMessage)}.`;
  }
}

/** Reads the first error `code` found on an error, its `cause`, or its cause's cause. */
export function errorCode(err: unknown): string | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const e = current as { code?: unknown; errno?: unknown; cause?: unknown };
    if (typeof e.code === 'string' && e.code !== '') return e.code;
    if (typeof e.errno === 'string' && e.errno !== '') return e.errno;
    current = e.cause;
  }
  return undefined;
}

const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'HOSTNAME_MISMATCH',
]);

function isTlsCode(code: string): boolean {
  return TLS_CODES.has(code) || code.startsWith('CERT_') || code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_');
}

export interface NetworkErrorContext {
  method: string;
  url: string;
  /** True for a POST that creates something: a dropped connection may still have created it. */
  mayHaveSideEffect?: boolean;
  /** A status line was read: the request certainly reached the server. */
  answered?: boolean;
}

/** Failures that happen before a request can have left: no name, no route, a refused connection. */
const NOT_SENT_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN', 'EHOSTDOWN']);

/** Said whenever a create may have reached the server without the client seeing the answer. */
export const MAYBE_CREATED = 'the key may still have been created, so check the key list before creating another';

/**
 * Maps a thrown fetch error (node-fetch FetchError: `code`/`errno` from the Node system error,
 * or a plain Node/undici error with a `cause`) to an ApiError with a plain sentence.
 */
export function networkError(err: unknown, ctx: NetworkErrorContext): ApiError {
  const code = errorCode(err);
  const host = hostOf(ctx.url);
  const base = { method: ctx.method, url: ctx.url, code };
  const text = err instanceof Error ? err.message : String(err);
  if (code?.startsWith('HPE_')) {
    // node's HTTP parser refused the answer: something answered, so the request was sent.
    return new ApiError({
      ...base,
      kind: 'malformed',
      message: ctx.mayHaveSideEffect
        ? `${host} sent an answer that is not valid HTTP (${code}); ${MAYBE_CREATED}.`
        : `${host} sent an answer that is not valid HTTP (${code}). Check that vued.apiBaseUrl points at the Vued API.`,
    });
  }
  const plain = plainNetworkError(code, text, host, base, ctx);
  const handshake = (code !== undefined && (isTlsCode(code) || code === 'EPROTO')) || /\bSSL\b|\bTLS\b|wrong version number/i.test(text);
  const notSent = !ctx.answered && (handshake || (code !== undefined && NOT_SENT_CODES.has(code)));
  if (ctx.mayHaveSideEffect && !notSent && !plain.message.includes(MAYBE_CREATED)) {
    // Once a create may have been sent, any failure but a clean status can hide a created key.
    return new ApiError({
      ...base,
      kind: 'network',
      message: `The answer from ${host} could not be read${code ? ` (${code})` : ''}; ${MAYBE_CREATED}.`,
    });
  }
  return plain;
}

function plainNetworkError(
  code: string | undefined,
  text: string,
  host: string,
  base: { method: string; url: string; code: string | undefined },
  ctx: NetworkErrorContext,
): ApiError {
  if (code && isTlsCode(code)) {
    return new ApiError({
      ...base,
      kind: 'tls',
      message: `The TLS certificate of ${host} could not be verified (${code}). Check vued.apiBaseUrl, or your proxy's certificate setup.`,
    });
  }
  if (code === 'EPROTO' || /\bSSL\b|\bTLS\b|wrong version number/i.test(text)) {
    return new ApiError({
      ...base,
      kind: 'tls',
      message: `The secure (TLS) connection to ${host} failed${code ? ` (${code})` : ''}. Check that vued.apiBaseUrl uses the right scheme and port.`,
    });
  }
  switch (code) {
    case 'ENOTFOUND':
      return new ApiError({
        ...base,
        kind: 'network',
        message: `The server name ${hostOf(ctx.url).replace(/:\d+$/, '')} was not found (DNS). Check vued.apiBaseUrl and your internet connection.`,
      });
    case 'EAI_AGAIN':
      return new ApiError({
        ...base,
        kind: 'network',
        message: `The server name ${hostOf(ctx.url).replace(/:\d+$/, '')} could not be looked up right now (DNS). Check your internet connection and try again.`,
      });
    case 'ECONNREFUSED':
      return new ApiError({
        ...base,
        kind: 'network',
        message: `${host} refused the connection. Check vued.apiBaseUrl and that the server is running.`,
      });
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ERR_STREAM_PREMATURE_CLOSE':
    case 'UND_ERR_SOCKET':
      return new ApiError({
        ...base,
        kind: 'network',
        message: ctx.mayHaveSideEffect
          ? `The connection to ${host} was cut before Vued answered; ${MAYBE_CREATED}.`
          : `The connection to ${host} was cut before Vued answered. Check your network or proxy and try again.`,
      });
    case 'ETIMEDOUT':
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
    case 'ENETDOWN':
    case 'EHOSTDOWN':
      return new ApiError({
        ...base,
        kind: 'network',
        message: `${host} could not be reached (${code}). Check your network, proxy or VPN and try again.`,
      });
    default:
      return new ApiError({
        ...base,
        kind: 'network',
        message: `Could not reach Vued at ${host}${code ? ` (${code})` : ''}. Check your network and vued.apiBaseUrl.`,
      });
  }
}

export function timeoutError(ctx: NetworkErrorContext & { timeoutMs: number }): ApiError {
  const seconds = Math.max(0.1, Number((ctx.timeoutMs / 1000).toFixed(ctx.timeoutMs < 10_000 ? 1 : 0)));
  const message = ctx.mayHaveSideEffect
    ? `Vued did not answer within ${seconds} s; ${MAYBE_CREATED}.`
    : `Vued did not answer within ${seconds} s. Check your connection, or raise vued.requestTimeoutSeconds.`;
  return new ApiError({ kind: 'timeout', message, method: ctx.method, url: ctx.url });
}

export function cancelledError(ctx: { method: string; url: string }): ApiError {
  return new ApiError({ kind: 'cancelled', message: 'The request to Vued was cancelled.', method: ctx.method, url: ctx.url });
}

/** Sentence used when a 2xx answer cannot be read as JSON. Never includes the body. */
export function notJsonError(ctx: {
  method: string;
  url: string;
  status: number;
  contentType: string | null;
  empty: boolean;
  mayHaveSideEffect?: boolean;
}): ApiError {
  const what = ctx.empty
    ? `an empty answer (${ctx.status})`
    : `an answer that is not valid JSON (${ctx.status}${ctx.contentType ? `, ${ctx.contentType.split(';')[0].trim()}` : ''})`;
  const tail = ctx.mayHaveSideEffect
    ? `; ${MAYBE_CREATED}.`
    : '. Check that vued.apiBaseUrl points at the Vued API.';
  return new ApiError({ kind: 'malformed', message: `Vued sent ${what}${tail}`, method: ctx.method, url: ctx.url, status: ctx.status });
}

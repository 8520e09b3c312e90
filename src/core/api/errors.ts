/**
 * Typed errors of the Vued API client. Every ApiError carries a `kind` the UI can branch on and a
 * `message` that is one short sentence a user can act on. The full detail (status, the server's
 * own words, the error code) is kept in fields so the log can show it.
 */
import { UserFacingError } from '../common/errors';
import { english, type Message, msg } from '../common/messages';

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
  /** The user's sentence, as a core message (its English text becomes `message`). */
  message: Message;
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
  return english(durationMessage(seconds));
}

/** formatSeconds as a message, for a sentence in the display language. */
export function durationMessage(seconds: number): Message {
  if (seconds < 120) return msg('time.seconds', seconds);
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 120) return msg('time.minutes', minutes);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? msg('time.hours', h) : msg('time.hoursMinutes', h, m);
}

/** The server's words as a clause: without the full stop the sentence adds. */
function words(serverMessage: string): string {
  return serverMessage.replace(/[.\s]+$/, '');
}

export interface HttpErrorContext {
  method: string;
  url: string;
  status: number;
  serverMessage?: string;
  retryAfterSeconds?: number;
  /** Set when 404/405/501 mean "this server has no such operation" (list and revoke). */
  unsupportedOperation?: Message;
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
  operation: Message | undefined,
): Message {
  const later = retryAfterSeconds !== undefined ? msg('api.tryAgainIn', durationMessage(retryAfterSeconds)) : msg('api.tryAgainLater');
  const said = serverMessage ? words(serverMessage) : undefined;
  switch (kind) {
    case 'auth':
      return msg('api.auth', status);
    case 'forbidden':
      return msg('api.forbidden', status);
    case 'notFound':
      return msg('api.notFound', status);
    case 'conflict':
      return said ? msg('api.conflictSaid', status, said) : msg('api.conflict', status);
    case 'rateLimited':
      return msg('api.rateLimited', status, later);
    case 'server':
      return said ? msg('api.serverSaid', status, said, later) : msg('api.server', status, later);
    case 'unsupported': {
      const what = operation ?? msg('api.thisOperation');
      if (status !== 404) return msg('api.unsupported', what, status);
      return said ? msg('api.unsupported404Said', what, said) : msg('api.unsupported404', what);
    }
    case 'badRequest':
      return said ? msg('api.badRequestSaid', status, said) : msg('api.badRequest', status);
    default:
      return said ? msg('api.unexpectedStatusSaid', status, said) : msg('api.unexpectedStatus', status);
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
export const MAYBE_CREATED_MESSAGE = msg('api.maybeCreated');
/** MAYBE_CREATED_MESSAGE in English. */
export const MAYBE_CREATED = english(MAYBE_CREATED_MESSAGE);

/**
 * Maps an error of the HTTP layer to an ApiError with a plain sentence. Errors come as Node's
 * http/https/net/tls raise them (core/api/nodeHttp.ts passes them on): the code on `code`
 * (ECONNREFUSED, HPE_*, CERT_HAS_EXPIRED…) with a numeric `errno`, and Node's own words as the
 * message (e.g. "write EPROTO …:SSL routines:…:wrong version number"), never shown to the user. An
 * error that wraps another in `cause` is read through it.
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
      message: ctx.mayHaveSideEffect ? msg('api.notHttpMaybeCreated', host, code, MAYBE_CREATED_MESSAGE) : msg('api.notHttp', host, code),
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
      message: code ? msg('api.unreadableCode', host, code, MAYBE_CREATED_MESSAGE) : msg('api.unreadable', host, MAYBE_CREATED_MESSAGE),
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
      message: msg('api.tlsCertificate', host, code),
    });
  }
  if (code === 'EPROTO' || /\bSSL\b|\bTLS\b|wrong version number/i.test(text)) {
    return new ApiError({
      ...base,
      kind: 'tls',
      message: code ? msg('api.tlsCode', host, code) : msg('api.tls', host),
    });
  }
  switch (code) {
    case 'ENOTFOUND':
      return new ApiError({
        ...base,
        kind: 'network',
        message: msg('api.dnsNotFound', hostOf(ctx.url).replace(/:\d+$/, '')),
      });
    case 'EAI_AGAIN':
      return new ApiError({
        ...base,
        kind: 'network',
        message: msg('api.dnsAgain', hostOf(ctx.url).replace(/:\d+$/, '')),
      });
    case 'ECONNREFUSED':
      return new ApiError({
        ...base,
        kind: 'network',
        message: msg('api.refused', host),
      });
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ERR_STREAM_PREMATURE_CLOSE':
    case 'UND_ERR_SOCKET':
      return new ApiError({
        ...base,
        kind: 'network',
        message: ctx.mayHaveSideEffect ? msg('api.cutMaybeCreated', host, MAYBE_CREATED_MESSAGE) : msg('api.cut', host),
      });
    case 'ETIMEDOUT':
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
    case 'ENETDOWN':
    case 'EHOSTDOWN':
      return new ApiError({
        ...base,
        kind: 'network',
        message: msg('api.unreachable', host, code),
      });
    default:
      return new ApiError({
        ...base,
        kind: 'network',
        message: code ? msg('api.networkCode', host, code) : msg('api.network', host),
      });
  }
}

export function timeoutError(ctx: NetworkErrorContext & { timeoutMs: number }): ApiError {
  const seconds = Math.max(0.1, Number((ctx.timeoutMs / 1000).toFixed(ctx.timeoutMs < 10_000 ? 1 : 0)));
  const message = ctx.mayHaveSideEffect ? msg('api.timeoutMaybeCreated', seconds, MAYBE_CREATED_MESSAGE) : msg('api.timeout', seconds);
  return new ApiError({ kind: 'timeout', message, method: ctx.method, url: ctx.url });
}

export function cancelledError(ctx: { method: string; url: string }): ApiError {
  return new ApiError({ kind: 'cancelled', message: msg('api.cancelled'), method: ctx.method, url: ctx.url });
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
    ? msg('api.emptyAnswer', ctx.status)
    : ctx.contentType
      ? msg('api.notJsonAnswerType', ctx.status, ctx.contentType.split(';')[0].trim())
      : msg('api.notJsonAnswer', ctx.status);
  const message = ctx.mayHaveSideEffect ? msg('api.sentMaybeCreated', what, MAYBE_CREATED_MESSAGE) : msg('api.sent', what);
  return new ApiError({ kind: 'malformed', message, method: ctx.method, url: ctx.url, status: ctx.status });
}

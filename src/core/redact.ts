/**
 * Scrubs secrets from text before it reaches a log or a message. Three layers:
 * - exact values registered with addSecret (the access token, a freshly created key's secret), and
 *   at the edges of a text that was cut, any run of 8+ characters of one of them;
 * - anything of Vued secret shape (`vued_sk_` and the secret alphabet), whatever field holds it;
 * - shapes that carry credentials whatever their value: Authorization and x-api-key headers,
 *   "Bearer x", and fields whose name holds secret/token/password/api key/jwt in JSON, JS-style
 *   objects (any quote), query strings and URL fragments.
 */
import { replaceSecrets, SECRET_PREFIX } from './secretShape';

export const REDACTED = '[redacted]';

/** Secrets shorter than this are not registered: replacing "abc" everywhere would wreck the log. */
export const MIN_SECRET_LENGTH = 4;

/** A run this long of a known value at a cut edge counts as a leak. */
export const MIN_EDGE_RUN = 8;

export interface Redactor {
  addSecret(s: string): void;
  redact(text: string): string;
  /**
   * For a text that was cut from a longer one: also replaces a start that is the end of a known
   * value, and an end that is the start of one (MIN_EDGE_RUN characters or more).
   */
  redactCut(text: string): string;
}

/**
 * Whether a field or header name carries a credential: one of its words (split at `_`, `-`, `.`
 * and camelCase) is secret, token, password, jwt, credential(s) or a private/api key, so
 * `secret_key`, `api_token`, `x-api-key`, `clientSecret` are, and `tokens` or `secretary` are not.
 */
export function isCredentialName(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[\s_.-]+/);
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (CREDENTIAL_WORDS.has(w)) return true;
    if ((w === 'api' || w === 'private' || w === 'access') && words[i + 1] === 'key') return true;
  }
  return false;
}

const CREDENTIAL_WORDS = new Set(['secret', 'token', 'password', 'passwd', 'jwt', 'credential', 'credentials', 'apikey', 'privatekey', 'authorization']);

/** A field name: bounded, so each start costs at most 64 steps. */
const NAME = '[A-Za-z][A-Za-z0-9_.-]{0,63}';

/** `"authorization": "…"` (JSON) or `'authorization': '…'`. */
const AUTH_JSON = /(["'])((?:proxy-)?authorization)\1(\s*:\s*)(["'])(?:\\.|(?!\4)[^\\])*\4/gi;
/** `Authorization: …` to the end of the line (raw headers, inspected objects). */
const AUTH_LINE = /\b((?:proxy-)?authorization)(\s*:\s*)(?!\[redacted\])[^\r\n]*/gi;
/** `Bearer x` anywhere. */
const BEARER = /\b(bearer)(\s+)(?!\[redacted\])[A-Za-z0-9\-._~+/=:%]+/gi;
/** `"name": "…"`, `'name': '…'`, `name: "…"`, `` name: `…` `` (JSON, util.inspect, JS literals). */
const FIELD_QUOTED = new RegExp(`(["'\`]?)(?<![A-Za-z0-9_.-])(${NAME})\\1(\\s*:\\s*)(["'\`])(?!\\[redacted\\])(?:\\\\.|(?!\\4)[^\\\\])*\\4`, 'g');
/** `name=…` in a query string, URL fragment, form body, command line or env line. */
const FIELD_QUERY = new RegExp(`(^|[\\s?#&;,({])(-{0,2})(${NAME})=(?!\\[redacted\\])[^&#\\s"'<>;,)}]*`, 'gm');
/** `x-api-key: …` (a header named like a credential) to the end of the line. */
const HEADER_LINE = new RegExp(`(^|[\\s{,])(${NAME})(:[ \\t]*)(?!\\[redacted\\])(?![\\s"'\`{\\[])[^\\r\\n]*`, 'gm');

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function createRedactor(): Redactor {
  const secrets = new Set<string>();
  let matcher: RegExp | undefined;

  const redact = (text: string): string => {
    let out = typeof text === 'string' ? text : String(text);
    if (matcher) out = out.replace(matcher, REDACTED);
    return redactPatterns(out);
  };

  return {
    addSecret(s: string): void {
      if (typeof s !== 'string') return;
      const variants = new Set<string>([s, s.trim()]);
      for (const v of [...variants]) {
        variants.add(encodeURIComponent(v));
        variants.add(JSON.stringify(v).slice(1, -1));
      }
      let added = false;
      for (const v of variants) {
        if (v.length >= MIN_SECRET_LENGTH && !secrets.has(v)) {
          secrets.add(v);
          added = true;
        }
      }
      if (added) {
        const alternatives = [...secrets].sort((a, b) => b.length - a.length).map(escapeRegExp);
        matcher = new RegExp(alternatives.join('|'), 'g');
      }
    },
    redact,
    redactCut: (text: string): string => redactEdges(redact(text), secrets),
  };
}

/** The pattern layer alone (no registered values). */
export function redactPatterns(text: string): string {
  let out = text;
  if (out.includes(SECRET_PREFIX)) out = replaceSecrets(out, REDACTED);
  return out
    .replace(AUTH_JSON, (_m, q: string, name: string, sep: string, vq: string) => `${q}${name}${q}${sep}${vq}${REDACTED}${vq}`)
    .replace(AUTH_LINE, (_m, name: string, sep: string) => `${name}${sep}${REDACTED}`)
    .replace(BEARER, (_m, word: string, space: string) => `${word}${space}${REDACTED}`)
    .replace(FIELD_QUOTED, (m: string, q: string, name: string, sep: string, vq: string) =>
      isCredentialName(name) ? `${q}${name}${q}${sep}${vq}${REDACTED}${vq}` : m,
    )
    .replace(FIELD_QUERY, (m: string, lead: string, dashes: string, name: string) => (isCredentialName(name) ? `${lead}${dashes}${name}=${REDACTED}` : m))
    .replace(HEADER_LINE, (m: string, lead: string, name: string, sep: string) => (isCredentialName(name) ? `${lead}${name}${sep}${REDACTED}` : m));
}

/** Replaces a start of `text` that ends a known value, and an end that starts one (MIN_EDGE_RUN+ characters). */
function redactEdges(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < MIN_EDGE_RUN) continue;
    for (let n = Math.min(secret.length - 1, out.length); n >= MIN_EDGE_RUN; n--) {
      if (out.endsWith(secret.slice(0, n))) {
        out = `${out.slice(0, out.length - n)}${REDACTED}`;
        break;
      }
    }
    for (let n = Math.min(secret.length - 1, out.length); n >= MIN_EDGE_RUN; n--) {
      if (out.startsWith(secret.slice(secret.length - n))) {
        out = `${REDACTED}${out.slice(n)}`;
        break;
      }
    }
  }
  return out;
}

const SENSITIVE_HEADER = /^(?:authorization|proxy-authorization|cookie|set-cookie)$|token|secret|password|api[-_]?key|auth/i;

/** A copy of the headers with credential-bearing values replaced, for logging a request. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = SENSITIVE_HEADER.test(name) ? REDACTED : value;
  }
  return out;
}

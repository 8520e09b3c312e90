/**
 * Scrubs secrets from text before it reaches a log or a message. Two layers:
 * - exact values registered with addSecret (the access token, a freshly created key's secret);
 * - shapes that carry credentials whatever their value: Authorization headers, "Bearer x",
 *   and fields named secret/token/password/apiKey in JSON, JS-style objects or query strings.
 */

export const REDACTED = '[redacted]';

/** Secrets shorter than this are not registered: replacing "abc" everywhere would wreck the log. */
export const MIN_SECRET_LENGTH = 4;

export interface Redactor {
  addSecret(s: string): void;
  redact(text: string): string;
}

const FIELD_NAMES =
  '(?:secret|token|password|passwd|api[_-]?key|access[_-]?token|refresh[_-]?token|id[_-]?token|client[_-]?secret|private[_-]?key)';

/** `"authorization": "…"` (JSON) or `'authorization': '…'`. */
const AUTH_JSON = /(["'])((?:proxy-)?authorization)\1(\s*:\s*)(["'])(?:\\.|(?!\4)[^\\])*\4/gi;
/** `Authorization: …` to the end of the line (raw headers, inspected objects). */
const AUTH_LINE = /\b((?:proxy-)?authorization)(\s*:\s*)(?!\[redacted\])[^\r\n]*/gi;
/** `Bearer x` anywhere. */
const BEARER = /\b(bearer)(\s+)(?!\[redacted\])[A-Za-z0-9\-._~+/=:%]+/gi;
/** `"secret": "…"` in JSON. */
const FIELD_JSON = new RegExp(`(")(${FIELD_NAMES})"(\\s*:\\s*)"(?:\\\\.|[^"\\\\])*"`, 'gi');
/** `secret: '…'` or `'secret': '…'` (util.inspect, JS literals). */
const FIELD_SINGLE = new RegExp(`(')?\\b(${FIELD_NAMES})\\1(\\s*:\\s*)'(?:\\\\.|[^'\\\\])*'`, 'gi');
/** `secret=…` in a query string, form body, command line or env line. */
const FIELD_QUERY = new RegExp(`(^|[\\s?&;,({\\-])(${FIELD_NAMES})=(?!\\[redacted\\])[^&#\\s"'<>;,)}]*`, 'gim');

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function createRedactor(): Redactor {
  const secrets = new Set<string>();
  let matcher: RegExp | undefined;

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
    redact(text: string): string {
      let out = typeof text === 'string' ? text : String(text);
      if (matcher) out = out.replace(matcher, REDACTED);
      return redactPatterns(out);
    },
  };
}

/** The pattern layer alone (no registered values). */
export function redactPatterns(text: string): string {
  return text
    .replace(AUTH_JSON, (_m, q: string, name: string, sep: string, vq: string) => `${q}${name}${q}${sep}${vq}${REDACTED}${vq}`)
    .replace(AUTH_LINE, (_m, name: string, sep: string) => `${name}${sep}${REDACTED}`)
    .replace(BEARER, (_m, word: string, space: string) => `${word}${space}${REDACTED}`)
    .replace(FIELD_JSON, (_m, q: string, name: string, sep: string) => `${q}${name}"${sep}"${REDACTED}"`)
    .replace(FIELD_SINGLE, (_m, q: string | undefined, name: string, sep: string) => `${q ?? ''}${name}${q ?? ''}${sep}'${REDACTED}'`)
    .replace(FIELD_QUERY, (_m, lead: string, name: string) => `${lead}${name}=${REDACTED}`);
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

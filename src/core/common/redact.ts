/**
 * Scrubs secrets from text before it reaches a log or a message. Three layers:
 * - exact values registered with addSecret (the access token, a freshly created key's secret), and
 *   at the edges of a text that was cut, any run of 8+ characters of one of them;
 * - Vued secrets, as the one recogniser (secretShape.ts) finds them: of a known key's prefix
 *   (knowPrefixes), or of Vued shape, whatever field holds them;
 * - shapes that carry credentials whatever their value: Authorization and x-api-key headers,
 *   "Bearer x", URL user info, and fields whose name holds secret/token/password/api key/jwt in
 *   JSON, JS-style objects (any quote), query strings, URL fragments and `name: value` pairs
 *   anywhere in a line.
 *
 * Linear in the text and in the registered values: these are found in one pass (Aho–Corasick),
 * built once after values were added, not once per value.
 */
import { SecretRecognizer } from './secretShape';

export const REDACTED = '[redacted]';

/** Secrets shorter than this are not registered: replacing "abc" everywhere would wreck the log. */
export const MIN_SECRET_LENGTH = 4;

/** A run this long of a known value at a cut edge counts as a leak. */
export const MIN_EDGE_RUN = 8;

export interface Redactor {
  addSecret(s: string): void;
  /**
   * Prefixes of known keys (listed, created, in the journal): a secret that starts with one is
   * redacted whole, whatever its alphabet. Added to those known before.
   */
  knowPrefixes(prefixes: Iterable<string>): void;
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
  // Most names hold none of the words: one test, no splitting.
  if (!MAY_BE_CREDENTIAL.test(name)) return false;
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

/** Every credential name holds one of these (api/private/access key: `key`; passwd: `pass`). */
const MAY_BE_CREDENTIAL = /secret|token|pass|jwt|credential|key|authorization/i;

const CREDENTIAL_WORDS = new Set(['secret', 'token', 'password', 'passwd', 'jwt', 'credential', 'credentials', 'apikey', 'privatekey', 'authorization']);

/** A field name: bounded, so each start costs at most 64 steps. */
const NAME = '[A-Za-z][A-Za-z0-9_.-]{0,63}';

/** `"authorization": "…"` (JSON) or `'authorization': '…'`. */
const AUTH_JSON = /(["'])((?:proxy-)?authorization)\1(\s*:\s*)(["'])(?:\\.|(?!\4)[^\\])*\4/gi;
/** `Authorization: …` to the end of the line (raw headers, inspected objects). */
const AUTH_LINE = /\b((?:proxy-)?authorization)(\s*:\s*)(?!\[redacted\])[^\r\n]*/gi;
/** `Bearer x` anywhere. */
const BEARER = /\b(bearer)(\s+)(?!\[redacted\])[A-Za-z0-9\-._~+/=:%]+/gi;
/** `"name": "…"`, `'name': '…'`, `name: "…"`, `` name: `…` ``, `name="…"` (JSON, util.inspect, JS literals, env lines). */
const FIELD_QUOTED = new RegExp(`(["'\`]?)(?<![A-Za-z0-9_.-])(${NAME})\\1(\\s*:\\s*|=)(["'\`])(?!\\[redacted\\])(?:\\\\.|(?!\\4)[^\\\\])*\\4`, 'g');
/** `name=…` in a query string, URL fragment, form body, command line or env line. */
const FIELD_QUERY = new RegExp(`(^|[\\s?#&;,({])(-{0,2})(${NAME})=(?!["'\`]?\\[redacted\\])[^&#\\s"'<>;,)}]*`, 'gm');
/**
 * A `name:` where a field name can start (not inside a longer name), its name quoted or not; its
 * value is judged by the caller. Each start costs at most 64 steps, and each name is tried once.
 */
const PAIR_NAME = new RegExp(`(?<![A-Za-z0-9_.\\-"'\`])(["'\`]?)(${NAME})\\1:[ \\t]*`, 'g');
/** At a `,` or `;`: another `name:` or `name=` pair starts there, so a value before it ends. */
const NEXT_PAIR = new RegExp(`[,;][ \\t]*["'\`]?${NAME}["'\`]?[ \\t]*[:=]`, 'y');
/** `scheme://user:password@`: the password (up to the last `@` of the authority). */
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]{0,31}:\/\/[^\s/?#@:]{0,256}:)(?!\[redacted\])[^\s/?#]{1,1024}@/gi;

/** Where the value of a `name: value` pair starting at `from` ends: the end of its line, or another pair. */
function pairValueEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) return i;
    if (c === 0x2c || c === 0x3b) {
      NEXT_PAIR.lastIndex = i;
      if (NEXT_PAIR.test(text)) return i;
    }
  }
  return text.length;
}

/**
 * Whether a pair's value starts at `at` and is still to be redacted: not empty, not an object or a
 * list, not already redacted (a quoted value FIELD_QUOTED could close is; one it could not is not).
 */
function bareValueAt(text: string, at: number): boolean {
  if (at >= text.length) return false;
  const c = text[at];
  if (/[\s{[]/.test(c)) return false;
  return !(/["'`]/.test(c) && text.startsWith(REDACTED, at + 1));
}

/**
 * `name: value` with a credential name, wherever it stands in a line: after prose, after other
 * pairs, several in a line. The value runs to the end of the line or to the next pair.
 */
function redactColonPairs(text: string): string {
  let out = '';
  let at = 0;
  PAIR_NAME.lastIndex = 0;
  for (let m = PAIR_NAME.exec(text); m !== null; m = PAIR_NAME.exec(text)) {
    const valueStart = m.index + m[0].length;
    if (!isCredentialName(m[2]) || !bareValueAt(text, valueStart)) continue;
    const end = pairValueEnd(text, valueStart);
    out += `${text.slice(at, valueStart)}${REDACTED}`;
    at = end;
    PAIR_NAME.lastIndex = end;
  }
  return at === 0 ? text : out + text.slice(at);
}

/**
 * Every occurrence of a set of strings, found in one pass over a text (Aho–Corasick over UTF-16
 * code units). Built once for a set; the build is linear in the set's total length.
 */
class LiteralSet {
  /** Edges: `state * 65536 + code unit` → state. */
  private readonly edges = new Map<number, number>();
  private readonly fail: number[] = [0];
  /** The length of the longest value that ends at a state (0: none). */
  private readonly longest: number[] = [0];

  constructor(values: Iterable<string>) {
    const depth: number[] = [0];
    const parent: number[] = [0];
    const unit: number[] = [0];
    for (const v of values) {
      let state = 0;
      for (let i = 0; i < v.length; i++) {
        const key = state * 65536 + v.charCodeAt(i);
        let next = this.edges.get(key);
        if (next === undefined) {
          next = depth.length;
          this.edges.set(key, next);
          depth.push(i + 1);
          parent.push(state);
          unit.push(v.charCodeAt(i));
          this.fail.push(0);
          this.longest.push(0);
        }
        state = next;
      }
      this.longest[state] = v.length;
    }
    // Failure links, shallow states first (a state's link is shallower than the state): states in
    // order of depth, by counting.
    const starts = new Array<number>(depth.length + 2).fill(0);
    for (const d of depth) starts[d + 1]++;
    for (let d = 1; d < starts.length; d++) starts[d] += starts[d - 1];
    const byDepth = new Array<number>(depth.length);
    depth.forEach((d, state) => (byDepth[starts[d]++] = state));
    for (const s of byDepth) {
      if (depth[s] <= 1) continue;
      let f = this.fail[parent[s]];
      let to = this.edges.get(f * 65536 + unit[s]);
      while (to === undefined && f !== 0) {
        f = this.fail[f];
        to = this.edges.get(f * 65536 + unit[s]);
      }
      this.fail[s] = to ?? 0;
      this.longest[s] = Math.max(this.longest[s], this.longest[this.fail[s]]);
    }
  }

  /** The parts of `text` that some value covers, as sorted, non-overlapping [start, end) spans. */
  spans(text: string): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let to = this.edges.get(state * 65536 + c);
      while (to === undefined && state !== 0) {
        state = this.fail[state];
        to = this.edges.get(state * 65536 + c);
      }
      state = to ?? 0;
      const length = this.longest[state];
      if (length === 0) continue;
      // The longest value ending here covers every shorter one that does; merge what it overlaps.
      let start = i + 1 - length;
      while (out.length > 0 && start < out[out.length - 1][1]) {
        start = Math.min(start, out.pop()![0]);
      }
      out.push([start, i + 1]);
    }
    return out;
  }

  /** `text` with every covered part replaced by `by`. */
  replace(text: string, by: string): string {
    const spans = this.spans(text);
    if (spans.length === 0) return text;
    let out = '';
    let at = 0;
    for (const [start, end] of spans) {
      out += text.slice(at, start) + by;
      at = end;
    }
    return out + text.slice(at);
  }
}

/** A value that URL-encoding and JSON-escaping leave as it is. */
const PLAIN = /^[A-Za-z0-9_.~-]*$/;

/** The recogniser of Vued secrets with no known key: the shape rule alone. */
const SHAPE_ONLY = new SecretRecognizer();

export function createRedactor(): Redactor {
  const secrets = new Set<string>();
  /** Made from `secrets` at the first redact() after a value was added. */
  let matcher: LiteralSet | undefined;
  const prefixes = new Set<string>();
  let recognizer = SHAPE_ONLY;

  const redact = (text: string): string => {
    let out = typeof text === 'string' ? text : String(text);
    if (secrets.size > 0) {
      matcher ??= new LiteralSet(secrets);
      out = matcher.replace(out, REDACTED);
    }
    return redactPatterns(out, recognizer);
  };

  return {
    addSecret(s: string): void {
      if (typeof s !== 'string') return;
      const add = (v: string) => {
        if (v.length >= MIN_SECRET_LENGTH && !secrets.has(v)) {
          secrets.add(v);
          matcher = undefined;
        }
      };
      const trimmed = s.trim();
      for (const v of trimmed === s ? [s] : [s, trimmed]) {
        add(v);
        // Its URL-encoded and JSON-escaped forms, where they differ (most tokens are plain).
        if (!PLAIN.test(v)) {
          add(encodeURIComponent(v));
          add(JSON.stringify(v).slice(1, -1));
        }
      }
    },
    knowPrefixes(known: Iterable<string>): void {
      const before = prefixes.size;
      for (const p of known) {
        if (typeof p === 'string') prefixes.add(p);
      }
      if (prefixes.size !== before) recognizer = new SecretRecognizer(prefixes);
    },
    redact,
    redactCut: (text: string): string => redactEdges(redact(text), secrets),
  };
}

/** The pattern layer alone (no registered values); `recognizer` finds the Vued secrets. */
export function redactPatterns(text: string, recognizer: SecretRecognizer = SHAPE_ONLY): string {
  let out = text;
  if (recognizer.mayMatch(out)) out = recognizer.replace(out, REDACTED);
  out = out
    .replace(AUTH_JSON, (_m, q: string, name: string, sep: string, vq: string) => `${q}${name}${q}${sep}${vq}${REDACTED}${vq}`)
    .replace(AUTH_LINE, (_m, name: string, sep: string) => `${name}${sep}${REDACTED}`)
    .replace(BEARER, (_m, word: string, space: string) => `${word}${space}${REDACTED}`)
    .replace(URL_PASSWORD, (_m, head: string) => `${head}${REDACTED}@`)
    .replace(FIELD_QUOTED, (m: string, q: string, name: string, sep: string, vq: string) =>
      isCredentialName(name) ? `${q}${name}${q}${sep}${vq}${REDACTED}${vq}` : m,
    )
    .replace(FIELD_QUERY, (m: string, lead: string, dashes: string, name: string) => (isCredentialName(name) ? `${lead}${dashes}${name}=${REDACTED}` : m));
  return out.includes(':') ? redactColonPairs(out) : out;
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

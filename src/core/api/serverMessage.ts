/**
 * Pulls the server's own words out of an error body. The contract does not specify error bodies,
 * so this reads the usual shapes: {"error": "..."}, {"message": "..."}, {"detail": "..."},
 * {"detail": [{"loc": [...], "msg": "..."}]} (FastAPI validation), plain text and HTML pages.
 *
 * Fields named `secret` or `token` are never read, and any of their string values that show up in
 * the message are replaced, so the result is safe to show and to log.
 */

export const MAX_SERVER_MESSAGE = 200;

const SENSITIVE_FIELD = /^(secret|token)$/i;

/** First element of a FastAPI `loc` that names where the field was, not the field. */
const LOCATIONS = new Set(['body', 'path', 'query', 'header', 'cookie']);

export function extractServerMessage(bodyText: string, contentType?: string | null): string | undefined {
  if (!bodyText || bodyText.trim() === '') return undefined;
  const ct = (contentType ?? '').toLowerCase();
  const trimmed = bodyText.trim();

  const looksJson = ct.includes('json') || trimmed.startsWith('{') || trimmed.startsWith('[') || trimmed.startsWith('"');
  if (looksJson) {
    let parsed: unknown;
    let ok: boolean;
    try {
      parsed = JSON.parse(trimmed);
      ok = true;
    } catch {
      ok = false;
    }
    if (ok) {
      const hidden = collectSensitiveValues(parsed);
      const words = fromJson(parsed);
      if (words === undefined) return undefined;
      return finish(scrub(words, hidden));
    }
    // A body that claims JSON but is not: fall through and treat it as text.
  }

  if (ct.includes('html') || /^<(!doctype|html|head|body)\b/i.test(trimmed)) {
    const m = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(trimmed);
    if (!m) return undefined;
    const title = decodeEntities(m[1].replace(/<[^>]*>/g, ''));
    return finish(title);
  }
  return finish(trimmed);
}

function fromJson(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return fromList(value);
  if (!isObject(value)) return undefined;

  for (const field of ['error', 'message', 'detail', 'error_description', 'title']) {
    if (!(field in value) || SENSITIVE_FIELD.test(field)) continue;
    const v = value[field];
    const words = fromField(v);
    if (words !== undefined) return words;
  }
  if (Array.isArray(value.errors)) return fromList(value.errors);
  return undefined;
}

function fromField(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() === '' ? undefined : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return fromList(v);
  if (isObject(v)) {
    for (const field of ['message', 'msg', 'detail', 'error', 'description']) {
      const words = fromField(v[field]);
      if (words !== undefined) return words;
    }
    return compactJson(v);
  }
  return undefined;
}

function fromList(list: unknown[]): string | undefined {
  const parts: string[] = [];
  for (const item of list) {
    if (typeof item === 'string') {
      parts.push(item);
    } else if (isObject(item)) {
      const msg = fromField(item.msg) ?? fromField(item.message);
      if (msg === undefined) continue;
      const loc = Array.isArray(item.loc)
        ? item.loc.filter((p, i) => !(i === 0 && LOCATIONS.has(String(p)))).map(String).join('.')
        : '';
      parts.push(loc ? `${loc}: ${msg}` : msg);
    }
  }
  return parts.length ? parts.join('; ') : undefined;
}

/** JSON of an object with secret/token fields removed, for an error object with no message field. */
function compactJson(v: Record<string, unknown>): string | undefined {
  const clean = JSON.stringify(v, (key, val: unknown) => (SENSITIVE_FIELD.test(key) ? undefined : val));
  return clean === '{}' ? undefined : clean;
}

function collectSensitiveValues(value: unknown, out: Set<string> = new Set(), inside = false, depth = 0): Set<string> {
  if (depth > 20) return out;
  if (typeof value === 'string') {
    if (inside && value.length > 0) out.add(value);
  } else if (Array.isArray(value)) {
    for (const item of value) collectSensitiveValues(item, out, inside, depth + 1);
  } else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      collectSensitiveValues(v, out, inside || SENSITIVE_FIELD.test(k), depth + 1);
    }
  }
  return out;
}

function scrub(text: string, hidden: Set<string>): string {
  let out = text;
  for (const value of [...hidden].sort((a, b) => b.length - a.length)) {
    out = out.split(value).join('[redacted]');
  }
  return out;
}

function finish(text: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (flat === '') return undefined;
  if (flat.length <= MAX_SERVER_MESSAGE) return flat;
  return `${flat.slice(0, MAX_SERVER_MESSAGE - 1).trimEnd()}…`;
}

function decodeEntities(s: string): string {
  return s
    .replace(/&#(\d{1,7});/g, (_m, d: string) => codePoint(Number(d)))
    .replace(/&#x([0-9a-f]{1,6});/gi, (_m, h: string) => codePoint(parseInt(h, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&');
}

function codePoint(n: number): string {
  return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : ' ';
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

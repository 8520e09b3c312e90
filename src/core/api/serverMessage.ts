/**
 * Pulls the server's own words out of an error body. The contract does not specify error bodies,
 * so this reads the usual shapes: {"error": "..."}, {"message": "..."}, {"detail": "..."},
 * {"detail": [{"loc": [...], "msg": "..."}]} (FastAPI validation), plain text and HTML pages.
 *
 * Fields named `secret` or `token` are never read, and any of their string values that show up in
 * the message are replaced, so the result is safe to show and to log.
 */

import { createRedactor } from '../common/redact';

export const MAX_SERVER_MESSAGE = 200;

/** Only the start of a body is read for a message: it keeps every scan below linear and short. */
export const MAX_MESSAGE_SOURCE = 64 * 1024;

/** How deep the walk goes into an error object; deeper structure is not a message anyone wrote. */
export const MAX_JSON_DEPTH = 16;

const SENSITIVE_FIELD = /^(secret|token)$/i;

/** First element of a FastAPI `loc` that names where the field was, not the field. */
const LOCATIONS = new Set(['body', 'path', 'query', 'header', 'cookie']);

/**
 * The server's words from an error body, scrubbed and then cut to MAX_SERVER_MESSAGE characters.
 * `secrets` (the token) are replaced wherever they appear, also where the body was cut; anything
 * of Vued secret shape is replaced too. Linear in the body, on at most its first 64 KiB.
 */
export function extractServerMessage(
  bodyText: string,
  contentType?: string | null,
  secrets: readonly string[] = [],
  /** The caller already stopped reading the body part-way (so its end may hold part of a secret). */
  bodyWasCut = false,
): string | undefined {
  const words = serverWords(bodyText, contentType, secrets, bodyWasCut);
  return words === undefined ? undefined : finish(words);
}

/** The server's words as extractServerMessage finds and scrubs them, before they are flattened and cut. */
export function serverWords(bodyText: string, contentType?: string | null, secrets: readonly string[] = [], bodyWasCut = false): string | undefined {
  if (!bodyText) return undefined;
  const cut = bodyWasCut || bodyText.length > MAX_MESSAGE_SOURCE;
  const source = cut ? bodyText.slice(0, MAX_MESSAGE_SOURCE) : bodyText;
  const trimmed = source.trim();
  if (trimmed === '') return undefined;
  const ct = (contentType ?? '').toLowerCase();
  const redactor = createRedactor();
  for (const s of secrets) redactor.addSecret(s);
  const done = (words: string | undefined): string | undefined => (words === undefined ? undefined : cut ? redactor.redactCut(words) : redactor.redact(words));

  const looksJson = !cut && (ct.includes('json') || trimmed.startsWith('{') || trimmed.startsWith('[') || trimmed.startsWith('"'));
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
      for (const hidden of collectSensitiveValues(parsed)) redactor.addSecret(hidden);
      return done(fromJson(parsed, 0));
    }
    // A body that claims JSON but is not: fall through and treat it as text.
  }

  if (ct.includes('html') || /^<(!doctype|html|head|body)\b/i.test(trimmed)) {
    const title = htmlTitle(trimmed);
    return title === undefined ? undefined : done(decodeEntities(stripTags(title)));
  }
  return done(trimmed);
}

/** The text between the first `<title…>` and the next `</title`, found by forward scans only. */
function htmlTitle(html: string): string | undefined {
  const open = /<title(?=[\s>/])/gi.exec(html);
  if (!open) return undefined;
  const gt = html.indexOf('>', open.index + 6);
  if (gt === -1) return undefined;
  const close = /<\/title/gi;
  close.lastIndex = gt + 1;
  const end = close.exec(html);
  if (!end) return undefined;
  return html.slice(gt + 1, end.index);
}

/** Drops `<…>` tags in one pass; a `<` with no `>` after it is kept as text. */
function stripTags(s: string): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const lt = s.indexOf('<', i);
    if (lt === -1) break;
    const gt = s.indexOf('>', lt + 1);
    if (gt === -1) break;
    out += s.slice(i, lt);
    i = gt + 1;
  }
  return out + s.slice(i);
}

function fromJson(value: unknown, depth: number): string | undefined {
  if (typeof value === 'string') return value;
  if (depth > MAX_JSON_DEPTH) return undefined;
  if (Array.isArray(value)) return fromList(value, depth + 1);
  if (!isObject(value)) return undefined;

  for (const field of ['error', 'message', 'detail', 'error_description', 'title']) {
    if (!(field in value) || SENSITIVE_FIELD.test(field)) continue;
    const v = value[field];
    const words = fromField(v, depth + 1);
    if (words !== undefined) return words;
  }
  if (Array.isArray(value.errors)) return fromList(value.errors, depth + 1);
  return undefined;
}

function fromField(v: unknown, depth: number): string | undefined {
  if (typeof v === 'string') return v.trim() === '' ? undefined : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (depth > MAX_JSON_DEPTH) return undefined;
  if (Array.isArray(v)) return fromList(v, depth + 1);
  if (isObject(v)) {
    for (const field of ['message', 'msg', 'detail', 'error', 'description']) {
      const words = fromField(v[field], depth + 1);
      if (words !== undefined) return words;
    }
    return compactJson(v, depth);
  }
  return undefined;
}

function fromList(list: unknown[], depth: number): string | undefined {
  const parts: string[] = [];
  for (const item of list) {
    if (typeof item === 'string') {
      parts.push(item);
    } else if (isObject(item)) {
      const msg = fromField(item.msg, depth + 1) ?? fromField(item.message, depth + 1);
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
function compactJson(v: Record<string, unknown>, depth: number): string | undefined {
  if (nestedDeeperThan(v, MAX_JSON_DEPTH - depth)) return undefined;
  const clean = JSON.stringify(v, (key, val: unknown) => (SENSITIVE_FIELD.test(key) ? undefined : val));
  return clean === '{}' ? undefined : clean;
}

/** Whether objects/arrays nest more than `levels` deep below `v` (stops looking at that depth). */
function nestedDeeperThan(v: unknown, levels: number): boolean {
  if (typeof v !== 'object' || v === null) return false;
  if (levels <= 0) return true;
  return Object.values(v).some((child) => nestedDeeperThan(child, levels - 1));
}

function collectSensitiveValues(value: unknown, out: Set<string> = new Set(), inside = false, depth = 0): Set<string> {
  if (depth > MAX_JSON_DEPTH) return out;
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

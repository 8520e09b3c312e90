/**
 * Runtime checks of the JSON the server sends, against the shapes in the contract
 * (test/fixtures/api/vued-public-api.create-api-key.yaml). A bad answer becomes an ApiError of
 * kind 'malformed' that names the field and the type it had; it never quotes a value, so neither
 * the secret nor the raw body can end up in a message or a log.
 *
 * The parsers build fresh objects holding only the known fields: anything else the server sends
 * (including a stray secret inside a list item) is dropped.
 */
import { type Message, msg } from '../common/messages';
import { ApiError } from './errors';
import type { CreatedPublicApiKey, Organization, PublicApiKey } from './types';

export interface ParseContext {
  method?: string;
  url?: string;
  /** Appended to the message, e.g. "the key may still have been created…". */
  hint?: Message;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'number' && !Number.isFinite(v)) return 'a non-finite number';
  if (typeof v === 'string' && v === '') return 'an empty string';
  const t = typeof v;
  return t === 'object' ? 'an object' : `a ${t}`;
}

function fail(field: string, expected: string, got: unknown, ctx: ParseContext | undefined): never {
  const where = field === '' ? 'its body' : field;
  throw new ApiError({
    kind: 'malformed',
    // The field, the type and what came are the API's terms: they stay as they are in every language.
    message: ctx?.hint ? msg('api.shapeHint', where, expected, describe(got), ctx.hint) : msg('api.shape', where, expected, describe(got)),
    method: ctx?.method,
    url: ctx?.url,
  });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function join(path: string, field: string): string {
  return path === '' ? field : `${path}.${field}`;
}

function str(obj: Record<string, unknown>, path: string, field: string, ctx?: ParseContext, nonEmpty = false): string {
  const v = obj[field];
  if (typeof v !== 'string' || (nonEmpty && v === '')) fail(join(path, field), nonEmpty ? 'a non-empty string' : 'a string', v, ctx);
  return v;
}

function num(obj: Record<string, unknown>, path: string, field: string, ctx?: ParseContext): number {
  const v = obj[field];
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(join(path, field), 'a number', v, ctx);
  return v;
}

function numOrNull(obj: Record<string, unknown>, path: string, field: string, ctx?: ParseContext): number | null {
  const v = obj[field];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(join(path, field), 'a number or null', v, ctx);
  return v;
}

function strings(obj: Record<string, unknown>, path: string, field: string, ctx?: ParseContext): string[] {
  const v = obj[field];
  if (!Array.isArray(v)) fail(join(path, field), 'a list of strings', v, ctx);
  return v.map((item: unknown, i) => {
    if (typeof item !== 'string') fail(`${join(path, field)}[${i}]`, 'a string', item, ctx);
    return item;
  });
}

function publicKeyAt(json: unknown, path: string, ctx?: ParseContext): PublicApiKey {
  if (!isObject(json)) fail(path, 'an object', json, ctx);
  return {
    id: str(json, path, 'id', ctx, true),
    name: str(json, path, 'name', ctx),
    keyPrefix: str(json, path, 'keyPrefix', ctx),
    scopes: strings(json, path, 'scopes', ctx),
    createdAt: num(json, path, 'createdAt', ctx),
    lastUsedAt: numOrNull(json, path, 'lastUsedAt', ctx),
    expiresAt: numOrNull(json, path, 'expiresAt', ctx),
    revokedAt: numOrNull(json, path, 'revokedAt', ctx),
  };
}

/** `PublicApiKey`: metadata only. */
export function parsePublicApiKey(json: unknown, ctx?: ParseContext): PublicApiKey {
  return publicKeyAt(json, '', ctx);
}

/** `CreatedPublicApiKey`: `{ token: PublicApiKey, secret: string }`, the secret non-empty. */
export function parseCreatedApiKey(json: unknown, ctx?: ParseContext): CreatedPublicApiKey {
  if (!isObject(json)) fail('', 'an object', json, ctx);
  const token = publicKeyAt(json.token, 'token', ctx);
  const secret = json.secret;
  if (typeof secret !== 'string' || secret.trim() === '') fail('secret', 'a non-empty string', secret, ctx);
  return { token, secret };
}

function listIn(json: unknown, fields: string[], what: string, ctx?: ParseContext): { list: unknown[]; path: string } {
  if (Array.isArray(json)) return { list: json, path: '' };
  if (isObject(json)) {
    for (const f of fields) {
      if (Array.isArray(json[f])) return { list: json[f] as unknown[], path: f };
    }
  }
  return fail('', `${what} (a list, or an object with ${fields.join('/')})`, json, ctx);
}

/** A list of `PublicApiKey`, bare or under items/data/keys/apiKeys. */
export function parseApiKeyList(json: unknown, ctx?: ParseContext): PublicApiKey[] {
  const { list, path } = listIn(json, ['items', 'data', 'keys', 'apiKeys'], 'a list of API keys', ctx);
  return list.map((item, i) => publicKeyAt(item, `${path}[${i}]`, ctx));
}

/** A list of organizations, bare or under items/data/orgs/organizations: `id` string, optional `name`. */
export function parseOrganizationList(json: unknown, ctx?: ParseContext): Organization[] {
  const { list, path } = listIn(json, ['items', 'data', 'orgs', 'organizations'], 'a list of organizations', ctx);
  return list.map((item, i) => {
    const at = `${path}[${i}]`;
    if (!isObject(item)) fail(at, 'an object', item, ctx);
    const org: Organization = { id: str(item, at, 'id', ctx, true) };
    const name = item.name;
    if (name !== undefined && name !== null) {
      if (typeof name !== 'string') fail(join(at, 'name'), 'a string', name, ctx);
      org.name = name;
    }
    return org;
  });
}

/** Where an answer may say who its token belongs to, in the order they are looked at. */
const ACCOUNT_FIELDS = ['user', 'account', 'owner', 'me'];
const ACCOUNT_NAME_FIELDS = ['name', 'displayName', 'email', 'login', 'username'];

/**
 * Who the token belongs to, when a list answer says it beside its items (not in the contract):
 * `user`, `account`, `owner` or `me`, as a string or as an object with a name, email, login or
 * username. Undefined when the answer says nothing usable; an odd shape is ignored, never an error.
 */
export function accountNameOf(json: unknown): string | undefined {
  if (!isObject(json)) return undefined;
  for (const field of ACCOUNT_FIELDS) {
    const v = json[field];
    if (typeof v === 'string' && v.trim() !== '') return v;
    if (isObject(v)) {
      for (const name of ACCOUNT_NAME_FIELDS) {
        const n = v[name];
        if (typeof n === 'string' && n.trim() !== '') return n;
      }
    }
  }
  return undefined;
}

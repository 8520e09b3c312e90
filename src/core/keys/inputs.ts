/**
 * What the user types to create a key: the organization ID, the key's name and its scopes. Each rule
 * returns the problem as a message (shown inline under the input box, in the display language), or
 * undefined when the input is acceptable.
 */
import { type Message, msg } from '../common/messages';
import { hasControlChars } from '../common/text';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a scope may contain: identifiers such as `keys:read`, `audio/*` or `org.admin`. */
const SCOPE = /^[A-Za-z0-9._:/*-]+$/;

export const MAX_KEY_NAME_LENGTH = 100;
export const MAX_SCOPES = 50;
export const MAX_SCOPE_LENGTH = 100;

export function orgIdProblem(value: string): Message | undefined {
  const v = value.trim();
  if (v === '') {
    return msg('validation.orgIdEmpty');
  }
  if (!UUID.test(v)) {
    return msg('validation.orgIdNotUuid');
  }
  return undefined;
}

export function keyNameProblem(value: string): Message | undefined {
  const v = value.trim();
  if (v === '') {
    return msg('validation.nameEmpty');
  }
  if (hasControlChars(value)) {
    return msg('validation.nameControl');
  }
  if (v.length > MAX_KEY_NAME_LENGTH) {
    return msg('validation.nameTooLong', MAX_KEY_NAME_LENGTH, v.length);
  }
  return undefined;
}

/** Splits on commas and white space, trims, drops empties, keeps the first of duplicates. */
export function parseScopes(value: string): string[] {
  const seen = new Set<string>();
  for (const part of value.split(/[\s,]+/)) {
    if (part !== '' && !seen.has(part)) {
      seen.add(part);
    }
  }
  return [...seen];
}

export function scopesProblem(value: string): Message | undefined {
  if (hasControlChars(value.replace(/[\t\r\n]/g, ' '))) {
    return msg('validation.scopesControl');
  }
  const scopes = parseScopes(value);
  if (scopes.length > MAX_SCOPES) {
    return msg('validation.tooManyScopes', MAX_SCOPES, scopes.length);
  }
  const odd = scopes.find((s) => !SCOPE.test(s));
  if (odd !== undefined) {
    return msg('validation.notAScope', odd.slice(0, 40));
  }
  const long = scopes.find((s) => s.length > MAX_SCOPE_LENGTH);
  if (long !== undefined) {
    return msg('validation.scopeTooLong', MAX_SCOPE_LENGTH);
  }
  return undefined;
}

/** Normalises an organization ID as typed (trimmed, lower-case) so recents do not hold duplicates. */
export function normalizeOrgId(value: string): string {
  return value.trim().toLowerCase();
}

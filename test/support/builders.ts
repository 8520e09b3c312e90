/**
 * What the tests build again and again, in one place: a key as the API lists it, and a key the
 * editor knows. A test says only what matters to it; the rest is a plain default.
 */
import type { PublicApiKey } from '../../src/core/api/types';
import type { KnownKey } from '../../src/core/keys/knownKeys';

/**
 * A key as the API lists it: named `key <id>`, its prefix `vued_sk_` and the id's first four
 * characters, scope `read`, created at 0, never used, no expiry, not revoked; `over` sets the rest.
 */
export function apiKey(id: string, over: Partial<PublicApiKey> = {}): PublicApiKey {
  return { id, name: `key ${id}`, keyPrefix: `vued_sk_${id.slice(0, 4)}`, scopes: ['read'], createdAt: 0, lastUsedAt: null, expiresAt: null, revokedAt: null, ...over };
}

/** A key the editor knows: `key` in organization `org-1`, unless `org` names another (and its name or host). */
export function knownKey(key: PublicApiKey, org: Partial<Omit<KnownKey, 'key'>> = {}): KnownKey {
  return { orgId: 'org-1', ...org, key };
}

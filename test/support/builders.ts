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

/** One day in milliseconds. */
export const DAY = 24 * 60 * 60 * 1000;

/**
 * The editor tests' organization and its four keys, one per status, seen at ACME_NOW
 * (2026-12-01 12:00 UTC): revoked, expired (expiresAt in epoch seconds, as the contract allows),
 * expiring in 2.5 days, and active (never used).
 */
export const ACME_NOW = Date.UTC(2026, 11, 1, 12);
export const ACME_ORG = '3f0c1a52-7d1e-4c53-9a4e-1b2f3c4d5e6f';

/** A key of Acme Robotics, created in June and last used yesterday. */
export function acmeKey(id: string, name: string, prefix: string, extra: Partial<PublicApiKey> = {}): KnownKey {
  const key = apiKey(id, { name, keyPrefix: prefix, scopes: ['keys:read', 'deploy:*'], createdAt: Date.UTC(2026, 5, 2, 9, 30), lastUsedAt: Date.UTC(2026, 10, 30, 8, 15), ...extra });
  return knownKey(key, { orgId: ACME_ORG, orgName: 'Acme Robotics' });
}

export const ACME_KEYS = {
  revoked: acmeKey('k-rev', 'ci-deploy', 'vued_sk_Rv0k', { revokedAt: Date.UTC(2026, 10, 20, 10) }),
  expired: acmeKey('k-exp', 'old-batch', 'vued_sk_Ex9d', { expiresAt: Date.UTC(2026, 10, 25, 10) / 1000 }),
  expiring: acmeKey('k-soon', 'staging', 'vued_sk_Es3n', { expiresAt: ACME_NOW + 2.5 * DAY }),
  active: acmeKey('k-act', 'prod', 'vued_sk_Ac7v', { lastUsedAt: null }),
};

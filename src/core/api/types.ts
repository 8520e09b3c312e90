/**
 * Shapes from the Vued Public API contract (test/fixtures/api/vued-public-api.create-api-key.yaml).
 * The request body is snake_case, responses are camelCase, as the contract says.
 */

/** Body of POST /orgs/{org_id}/api-keys (`ApiKeyCreate`). */
export interface ApiKeyCreate {
  name: string;
  scopes: string[];
  /** ISO 8601 string, or null for a key that never expires. */
  expires_at: string | number | null;
}

/** `PublicApiKey`. Timestamps are numbers whose unit the contract leaves open (seconds or ms). */
export interface PublicApiKey {
  id: string;
  name: string;
  keyPrefix: string;
  scopes: string[];
  createdAt: number;
  lastUsedAt: number | null;
  expiresAt: number | null;
  revokedAt: number | null;
}

/** `CreatedPublicApiKey`: the only answer that ever holds the full secret. */
export interface CreatedPublicApiKey {
  token: PublicApiKey;
  secret: string;
}

/** An organization as far as the extension knows it (GET /orgs is not in the contract). */
export interface Organization {
  id: string;
  name?: string;
}

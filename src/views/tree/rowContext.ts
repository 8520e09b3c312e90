import type { Organization } from '../../core/api/types';

/** An organization as a row names it: its id, the API host it was listed from, and the server's name for it. */
export interface OrganizationRef {
  readonly org: Organization;
  readonly origin: string;
  readonly serverName?: string;
}

/** A key as a row asks the window about it: which organization, and its id. */
export interface KeyRef {
  readonly org: OrganizationRef;
  readonly key: { readonly id: string };
}

/**
 * What a row needs from the window to draw itself: names, the held secret, the keychain. Nothing
 * secret. It speaks of organizations and keys by their facts, so the rows and this file do not
 * import each other.
 */
export interface RowContext {
  /** The organization as the sidebar names it (server name, local label with the short id, or the short id). */
  organizationLabel(org: OrganizationRef): string;
  /** The local label of an organization the server gives no name, or undefined. */
  localLabel(org: OrganizationRef): string | undefined;
  /** Whether this window holds the one-time secret of the key. */
  holds(keyId: string): boolean;
  /** The variables this workspace keeps the key in the keychain for. */
  keptFor(key: KeyRef): string[];
}

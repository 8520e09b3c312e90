import type { KeyNode } from './keyNode';
import type { OrgNode } from './organizationNode';

/** What a row needs from the window to draw itself: names, the held secret, the keychain. Nothing secret. */
export interface RowContext {
  /** The organization as the sidebar names it (server name, local label with the short id, or the short id). */
  organizationLabel(org: OrgNode): string;
  /** The local label of an organization the server gives no name, or undefined. */
  localLabel(org: OrgNode): string | undefined;
  /** Whether this window holds the one-time secret of the key. */
  holds(keyId: string): boolean;
  /** The variables this workspace keeps the key in the keychain for. */
  keptFor(node: KeyNode): string[];
}

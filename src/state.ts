import type * as vscode from 'vscode';
import type { Organization, PublicApiKey } from './core/api/types';
import { StateKeys } from './constants';

const MAX_RECENT_ORGS = 10;
const MAX_CREATED_KEYS = 500;

/** What the extension remembers between sessions: ids and key metadata only, never a secret or token. */
export class RememberedState {
  constructor(private readonly memento: vscode.Memento) {}

  recentOrgIds(): string[] {
    const v = this.memento.get<unknown>(StateKeys.recentOrgIds, []);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  }

  async rememberOrg(orgId: string): Promise<void> {
    const next = [orgId, ...this.recentOrgIds().filter((id) => id !== orgId)].slice(0, MAX_RECENT_ORGS);
    const hidden = this.hiddenOrgIds();
    // Both updates start at once (the values in memory change at the call); only the writes are awaited.
    await Promise.all([
      this.memento.update(StateKeys.recentOrgIds, next),
      hidden.includes(orgId) ? this.memento.update(StateKeys.hiddenOrgs, hidden.filter((id) => id !== orgId)) : undefined,
    ]);
  }

  /** Metadata of keys created from this VS Code, for servers that cannot list keys. */
  createdKeys(orgId?: string): Array<{ orgId: string; key: PublicApiKey }> {
    const v = this.memento.get<unknown>(StateKeys.createdKeys, []);
    const all = Array.isArray(v) ? (v as Array<{ orgId: string; key: PublicApiKey }>) : [];
    return orgId === undefined ? all : all.filter((k) => k.orgId === orgId);
  }

  async rememberCreatedKey(orgId: string, key: PublicApiKey): Promise<void> {
    // Copy the documented metadata fields only, so nothing else the server sent can end up here.
    const meta: PublicApiKey = {
      id: key.id, name: key.name, keyPrefix: key.keyPrefix, scopes: [...key.scopes],
      createdAt: key.createdAt, lastUsedAt: key.lastUsedAt, expiresAt: key.expiresAt, revokedAt: key.revokedAt,
    };
    const rest = this.createdKeys().filter((k) => k.key.id !== key.id);
    await this.memento.update(StateKeys.createdKeys, [{ orgId, key: meta }, ...rest].slice(0, MAX_CREATED_KEYS));
  }

  async markCreatedKeyRevoked(keyId: string, revokedAt: number): Promise<void> {
    const all = this.createdKeys();
    if (all.some((k) => k.key.id === keyId)) {
      await this.memento.update(
        StateKeys.createdKeys,
        all.map((k) => (k.key.id === keyId ? { orgId: k.orgId, key: { ...k.key, revokedAt } } : k)),
      );
    }
  }

  /** Organizations the user added to the sidebar. */
  addedOrgs(): Organization[] {
    const v = this.memento.get<unknown>(StateKeys.addedOrgs, []);
    return Array.isArray(v)
      ? v.filter((o): o is Organization => typeof o === 'object' && o !== null && typeof (o as Organization).id === 'string')
      : [];
  }

  async addOrg(org: Organization): Promise<void> {
    const rest = this.addedOrgs().filter((o) => o.id !== org.id);
    await this.memento.update(StateKeys.addedOrgs, [...rest, { id: org.id, ...(org.name ? { name: org.name } : {}) }]);
    await this.memento.update(StateKeys.hiddenOrgs, this.hiddenOrgIds().filter((id) => id !== org.id));
  }

  /** Drops the label an added organization was given (it stays added, in its place). */
  async forgetAddedOrgName(orgId: string): Promise<void> {
    const id = orgId.toLowerCase();
    await this.memento.update(StateKeys.addedOrgs, this.addedOrgs().map((o) => (o.id.toLowerCase() === id ? { id: o.id } : o)));
  }

  /** Forgets an organization locally: not added, not recent, and hidden if it comes from elsewhere. */
  async removeOrg(orgId: string): Promise<void> {
    await this.memento.update(StateKeys.addedOrgs, this.addedOrgs().filter((o) => o.id !== orgId));
    await this.memento.update(StateKeys.recentOrgIds, this.recentOrgIds().filter((id) => id !== orgId));
    await this.memento.update(StateKeys.hiddenOrgs, [...new Set([...this.hiddenOrgIds(), orgId])]);
  }

  hiddenOrgIds(): string[] {
    const v = this.memento.get<unknown>(StateKeys.hiddenOrgs, []);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  }
}

import * as vscode from 'vscode';
import { PublicApiKey } from './core/api/types';
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
    await this.memento.update(StateKeys.recentOrgIds, next);
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
}

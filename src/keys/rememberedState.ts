import type * as vscode from 'vscode';
import type { Organization, PublicApiKey } from '../core/api/types';
import { StateKeys } from '../constants';
import { readOrganizationLabels, withOrganizationLabel } from '../core/keys/organizationLabels';

const MAX_RECENT_ORGS = 10;
const MAX_CREATED_KEYS = 500;

/** What `vued.hostOrganizations` holds for one host other than the default one. */
interface HostLists {
  recent?: unknown;
  added?: unknown;
  hidden?: unknown;
}

type ListName = keyof HostLists;

const LEGACY_KEY: Record<ListName, string> = { recent: StateKeys.recentOrgIds, added: StateKeys.addedOrgs, hidden: StateKeys.hiddenOrgs };

/** A key created from this VS Code: `origin` names a host other than the default one (none: the default host). */
interface CreatedKeyEntry {
  orgId: string;
  key: PublicApiKey;
  origin?: string;
}

/**
 * What the extension remembers between sessions: ids and key metadata only, never a secret or token.
 *
 * Organizations are remembered per API host. The default host (`vued.apiBaseUrl`) keeps the keys
 * it always had (`vued.recentOrgIds`, `vued.addedOrganizations`, `vued.hiddenOrganizations`), so
 * what was remembered before several hosts existed still belongs to it; every other host has its
 * own lists under `vued.hostOrganizations`, by origin. Methods given no origin act on the default host.
 */
export class RememberedState {
  constructor(
    private readonly memento: vscode.Memento,
    /** Origin of the default host now, or undefined when vued.apiBaseUrl is refused. */
    private readonly defaultOrigin: () => string | undefined = () => undefined,
  ) {}

  private isDefault(origin: string | undefined): boolean {
    return origin === undefined || origin === this.defaultOrigin();
  }

  private hostLists(): Record<string, HostLists> {
    const v = this.memento.get<unknown>(StateKeys.hostOrganizations, {});
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, HostLists>) : {};
  }

  private read(origin: string | undefined, list: ListName): unknown {
    return this.isDefault(origin) ? this.memento.get<unknown>(LEGACY_KEY[list], []) : this.hostLists()[origin!]?.[list];
  }

  /**
   * Writes the given lists of a host. The default host's lists are separate keys, updated together
   * (the values in memory change at the call; only the writes are awaited); another host's lists
   * are one object under `vued.hostOrganizations`, so one write.
   */
  private async write(origin: string | undefined, lists: Partial<Record<ListName, unknown[]>>): Promise<void> {
    if (this.isDefault(origin)) {
      await Promise.all(Object.entries(lists).map(([list, value]) => this.memento.update(LEGACY_KEY[list as ListName], value)));
      return;
    }
    const all = this.hostLists();
    await this.memento.update(StateKeys.hostOrganizations, { ...all, [origin!]: { ...all[origin!], ...lists } });
  }

  recentOrgIds(origin?: string): string[] {
    const v = this.read(origin, 'recent');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  }

  async rememberOrg(orgId: string, origin?: string): Promise<void> {
    const next = [orgId, ...this.recentOrgIds(origin).filter((id) => id !== orgId)].slice(0, MAX_RECENT_ORGS);
    const hidden = this.hiddenOrgIds(origin);
    await this.write(origin, hidden.includes(orgId) ? { recent: next, hidden: hidden.filter((id) => id !== orgId) } : { recent: next });
  }

  /**
   * Metadata of keys created from this VS Code, for servers that cannot list keys. With `origin`,
   * only that host's (entries naming no origin belong to the default host).
   */
  createdKeys(orgId?: string, origin?: string): Array<{ orgId: string; key: PublicApiKey }> {
    const v = this.memento.get<unknown>(StateKeys.createdKeys, []);
    const all = Array.isArray(v) ? (v as CreatedKeyEntry[]) : [];
    return all.filter(
      (k) => (orgId === undefined || k.orgId === orgId) && (origin === undefined || (k.origin === undefined ? this.isDefault(origin) : k.origin === origin)),
    );
  }

  async rememberCreatedKey(orgId: string, key: PublicApiKey, origin?: string): Promise<void> {
    // Copy the documented metadata fields only, so nothing else the server sent can end up here.
    const meta: PublicApiKey = {
      id: key.id, name: key.name, keyPrefix: key.keyPrefix, scopes: [...key.scopes],
      createdAt: key.createdAt, lastUsedAt: key.lastUsedAt, expiresAt: key.expiresAt, revokedAt: key.revokedAt,
    };
    const rest = this.createdKeys().filter((k) => k.key.id !== key.id);
    // The default host's entries name no origin, as before several hosts existed: they follow vued.apiBaseUrl.
    const entry: CreatedKeyEntry = this.isDefault(origin) ? { orgId, key: meta } : { orgId, key: meta, origin };
    await this.memento.update(StateKeys.createdKeys, [entry, ...rest].slice(0, MAX_CREATED_KEYS));
  }

  async markCreatedKeyRevoked(keyId: string, revokedAt: number): Promise<void> {
    const all = this.createdKeys() as CreatedKeyEntry[];
    if (all.some((k) => k.key.id === keyId)) {
      await this.memento.update(
        StateKeys.createdKeys,
        all.map((k) => (k.key.id === keyId ? { ...k, key: { ...k.key, revokedAt } } : k)),
      );
    }
  }

  /** Organizations the user added to the sidebar. */
  addedOrgs(origin?: string): Organization[] {
    const v = this.read(origin, 'added');
    return Array.isArray(v)
      ? v.filter((o): o is Organization => typeof o === 'object' && o !== null && typeof (o as Organization).id === 'string')
      : [];
  }

  async addOrg(org: Organization, origin?: string): Promise<void> {
    const rest = this.addedOrgs(origin).filter((o) => o.id !== org.id);
    await this.write(origin, { added: [...rest, { id: org.id, ...(org.name ? { name: org.name } : {}) }], hidden: this.hiddenOrgIds(origin).filter((id) => id !== org.id) });
  }

  /**
   * The label this VS Code shows for an organization the server gives no name (Rename
   * Organization…, or the label typed with Add Organization), or undefined. Labels are kept by
   * organization id alone; an added organization's name from earlier versions still counts.
   */
  organizationLabel(orgId: string, origin?: string): string | undefined {
    const id = orgId.trim().toLowerCase();
    return readOrganizationLabels(this.memento.get<unknown>(StateKeys.organizationLabels)).get(id)
      ?? this.addedOrgs(origin).find((o) => o.id.toLowerCase() === id)?.name;
  }

  /** Sets an organization's label; an empty one removes it (and the name it was added with, on every host). */
  async setOrganizationLabel(orgId: string, label: string): Promise<void> {
    await this.memento.update(StateKeys.organizationLabels, withOrganizationLabel(this.memento.get<unknown>(StateKeys.organizationLabels), orgId, label));
    if (label.trim() !== '') {
      return;
    }
    const id = orgId.toLowerCase();
    const strip = (orgs: Organization[]) => orgs.map((o) => (o.id.toLowerCase() === id ? { id: o.id } : o));
    await this.write(undefined, { added: strip(this.addedOrgs()) });
    for (const origin of Object.keys(this.hostLists())) {
      await this.write(origin, { added: strip(this.addedOrgs(origin)) });
    }
  }

  /** Forgets an organization locally: not added, not recent, and hidden if it comes from elsewhere. */
  async removeOrg(orgId: string, origin?: string): Promise<void> {
    await this.write(origin, {
      added: this.addedOrgs(origin).filter((o) => o.id !== orgId),
      recent: this.recentOrgIds(origin).filter((id) => id !== orgId),
      hidden: [...new Set([...this.hiddenOrgIds(origin), orgId])],
    });
  }

  hiddenOrgIds(origin?: string): string[] {
    const v = this.read(origin, 'hidden');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  }
}

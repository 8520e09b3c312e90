/**
 * The keys the extension knows in this window: every key of the key lists loaded so far (kept per
 * host and organization through a refresh, until that organization loads again), and the keys
 * created here that no loaded list holds (a server that does not list keys, an organization not
 * loaded yet). What the editor features and the recogniser work from; ids, names, prefixes and
 * dates only.
 */
import * as vscode from 'vscode';
import type { Organization, PublicApiKey } from '../core/api/types';
import type { KnownKey } from '../core/keys/knownKeys';
import { signedInHosts } from '../connection/hostChoice';
import type { Services } from '../services';

/** An organization as the key lists know it: its host and its id. */
export interface ListedOrganization {
  readonly org: Organization;
  readonly origin: string;
}

/** Where the key lists are loaded and kept (the sidebar's tree). */
export interface KeyListSource {
  /** Every key of the lists loaded so far, with its organization. */
  loadedKeys(): ReadonlyArray<{ readonly key: PublicApiKey; readonly org: ListedOrganization }>;
  /** Fires when a list was loaded, or a key added or marked revoked. */
  readonly onDidChangeKeys: vscode.Event<void>;
  /** Every organization of every signed-in host, listing them if needed. */
  allOrganizations(): Promise<readonly ListedOrganization[]>;
  /** Loads one organization's key list, unless it is loaded already. */
  loadKeyList(org: ListedOrganization): Promise<void>;
  /** How the organization is named (the sidebar's label: server name, local label or short id). */
  organizationLabel(org: ListedOrganization): string;
}

/** What the keys look like to the editor: ids, states and dates, so an unchanged reload fires nothing. */
function signature(keys: readonly KnownKey[]): string {
  return keys.map((k) => `${k.orgId}/${k.key.id}/${k.key.name}/${k.key.keyPrefix}/${String(k.key.expiresAt)}/${String(k.key.revokedAt)}/${String(k.key.lastUsedAt)}`).join('|');
}

export class KnownKeys implements vscode.Disposable {
  /** The key list as last loaded, per host and organization. */
  private readonly cache = new Map<string, KnownKey[]>();
  private known: KnownKey[] = [];
  private lastSignature = '';
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the known keys change: a list loaded, a key created, revoked or rotated here. */
  readonly onDidChange = this.changed.event;
  /** Organizations whose list was loaded once silently (at most once per window each). */
  private readonly attempted = new Set<string>();
  private orgsListed = false;
  private loading: Promise<void> | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly s: Services, private readonly lists: KeyListSource) {
    this.subscription = lists.onDidChangeKeys(() => this.sync());
    this.sync();
  }

  get keys(): readonly KnownKey[] {
    return this.known;
  }

  private sync(): void {
    const byOrg = new Map<string, KnownKey[]>();
    for (const n of this.lists.loadedKeys()) {
      const where = `${n.org.origin} ${n.org.org.id}`;
      const list = byOrg.get(where) ?? [];
      list.push({ key: n.key, orgId: n.org.org.id, orgName: this.lists.organizationLabel(n.org), origin: n.org.origin });
      byOrg.set(where, list);
    }
    byOrg.forEach((list, where) => this.cache.set(where, list));
    const loaded = [...this.cache.values()].flat();
    const ids = new Set(loaded.map((k) => k.key.id));
    const created = this.s.state.createdKeys().filter((c) => !ids.has(c.key.id)).map((c): KnownKey => ({ key: c.key, orgId: c.orgId, origin: (c as { origin?: string }).origin }));
    this.known = [...loaded, ...created];
    const sig = signature(this.known);
    if (sig !== this.lastSignature) {
      this.lastSignature = sig;
      this.changed.fire();
    }
  }

  /**
   * Loads the key lists of the organizations not loaded yet, silently: at most once per window per
   * organization, and nothing at all when signed out.
   */
  loadOnce(): Promise<void> {
    // Asked by every file that holds a secret at once: they share one load.
    this.loading ??= this.loadMissing().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private async loadMissing(): Promise<void> {
    if (this.orgsListed && [...this.cache.keys()].every((id) => this.attempted.has(id))) {
      return;
    }
    if ((await signedInHosts(this.s)).length === 0) {
      return; // signed out: no network at all
    }
    const orgs = await this.lists.allOrganizations();
    this.orgsListed = true;
    for (const org of orgs) {
      const where = `${org.origin} ${org.org.id}`;
      if (!this.attempted.has(where)) {
        this.attempted.add(where);
        await this.lists.loadKeyList(org);
      }
    }
    this.sync();
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

import * as vscode from 'vscode';
import { ApiError } from '../core/api/errors';
import { type Organization, type PublicApiKey } from '../core/api/types';
import { mergeOrganizations } from '../core/keys/status';
import { filterWords } from '../core/keys/keyList';
import { listFailureKind, nextReadAgoChange, organizationsNotOffered } from '../core/keys/listFailure';
import { organizationDisplayLabel } from '../core/keys/organizationLabels';
import { variablesOf } from '../core/keys/keychain';
import { ContextKeys } from '../constants';
import type { EnvIndex, LocatedUsage } from '../envFiles/envIndex';
import { readConfig } from '../platform/config';
import { userSentence } from '../platform/l10n';
import { type ContextKeyValues } from '../platform/contextKeys';
import { type Services } from '../services';
import { HeldVariableNode } from './tree/heldVariableNode';
import { HostNode } from './tree/hostNode';
import { InactiveGroupNode } from './tree/inactiveGroupNode';
import { KeyNode } from './tree/keyNode';
import { type KeyList, type ListFailure, listKey, LoadedKeys } from './tree/loadedKeys';
import { MessageNode } from './tree/messageNode';
import { OrgNode } from './tree/organizationNode';
import type { KeyRef, OrganizationRef, RowContext } from './tree/rowContext';
import type { TreeNode } from './tree/treeNode';
import { failureRow, hostFailureRow, type MessageFacts, viewMessageText } from './tree/viewMessage';
import { UsageNode } from './tree/usageNode';

/** One API host the extension can currently talk to (a configured host that holds a token). */
export interface Connection {
  baseUrl: string;
  origin: string;
  /** The host's `vued.hosts` label, or its host name. */
  label: string;
  /** The host of `vued.apiBaseUrl`. */
  isDefault: boolean;
  listKeys(orgId: string): Promise<PublicApiKey[]>;
  listOrganizations(): Promise<Organization[]>;
}

/**
 * Hosts → organizations → their API keys: keys in use on top, newest first, and the revoked and expired
 * ones under a collapsed `Revoked and expired (N)` row (unless a file still holds them). Lists come
 * from GET /orgs/{id}/api-keys, or, where the server does not list keys (404/405/501), from the
 * metadata of keys created in this VS Code, under a row saying so. When reading a list again fails,
 * the keys read before stay (stale), under a first row saying why and when they were read, with the
 * actions for that kind of failure; the view's message says it too. Never a modal.
 * A filter (Filter Keys…) narrows every loaded list by name, prefix or scope, and is the view's
 * message while on. Row ids come from the API origin, organization id and key id, so expansion and
 * selection survive a refresh.
 * When more than one host holds a token, each has a root row above its organizations; with one host
 * there is no host row, and the rows and their ids are the same as they always were.
 */
export class ApiKeysTree implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** Key lists by organization row (see listKey). */
  private readonly lists = new Map<string, KeyList>();
  /** Key lists on their way, by organization row: a refresh or reload drops them, so their answer is not kept. */
  private readonly loading = new Map<string, Promise<KeyList>>();
  /** The last list read of each organization, shown (stale) when reading it again fails; kept across refreshes. */
  private readonly known = new Map<string, LoadedKeys>();
  /** What GET /orgs last answered for each host, shown when reading it again fails; kept across refreshes. */
  private readonly knownServerOrgs = new Map<string, Organization[]>();
  /** Why a host's GET /orgs failed this time (a server without the list is no failure). */
  private readonly hostFailures = new Map<string, ListFailure>();
  private readonly messageChanged = new vscode.EventEmitter<string | undefined>();
  /** Fires the view's message (TreeView.message) when it changes: the errors and the filter. */
  readonly onDidChangeMessage = this.messageChanged.event;
  private message: string | undefined;
  /** Redraws "read 5 min ago" when it would say something else; set only while a stale list is shown. */
  private tick: ReturnType<typeof setTimeout> | undefined;
  /** The hosts shown, in setting order, with their root rows when there are several; read again after refresh(). */
  private hosts: { conns: Connection[]; nodes: Map<string, HostNode> } | undefined;
  /** Each host's organization rows and what its GET /orgs answered, by origin. */
  private readonly orgNodes = new Map<string, OrgNode[]>();
  private readonly serverOrgs = new Map<string, Organization[] | 'unsupported'>();
  /** Organizations whose keys' usages are current (cleared when a .env file changes). */
  private usageGeneration = 0;
  private readonly badgeChanged = new vscode.EventEmitter<number>();
  /** Fires the number of loaded keys that expire within 7 days. */
  readonly onDidChangeExpiring = this.badgeChanged.event;
  private readonly usageSub: vscode.Disposable;
  private query = '';
  private readonly keysChanged = new vscode.EventEmitter<void>();
  /** Fires when a key list was loaded, or a key added or marked revoked (for the editor features). */
  readonly onDidChangeKeys = this.keysChanged.event;

  constructor(
    private readonly s: Services,
    /** Every configured host that holds a token, the default host first; asks nothing. */
    private readonly connect: () => Promise<Connection[]>,
    private readonly usage: EnvIndex,
    private readonly contextKeys: ContextKeyValues,
  ) {
    this.usageSub = usage.onDidChange(() => {
      this.usageGeneration++;
      this.changed.fire(undefined);
    });
  }


  /** Every loaded key node (for the badge, rotation and tests). */
  loadedKeys(): KeyNode[] {
    return [...this.lists.values()].flatMap((l) => (l instanceof LoadedKeys ? l.allNodes() : []));
  }

  private updateBadge(): void {
    this.badgeChanged.fire(this.loadedKeys().filter((k) => k.status === 'expiring').length);
  }

  /** The text the key lists are filtered by ('' when not filtered). */
  get filter(): string {
    return this.query;
  }

  /** Filters every organization's keys by name, prefix or scope; '' shows them all again. */
  setFilter(query: string): void {
    const next = filterWords(query).length === 0 ? '' : query;
    if (next === this.query) {
      return;
    }
    this.query = next;
    this.changed.fire(undefined);
    this.updateMessage();
  }

  /** The view's message as last computed (undefined: none). */
  get viewMessage(): string | undefined {
    return this.message;
  }

  /** The loaded keys matching the filter text, up to `limit`, in tree order (for the filter's quick pick). */
  matchingKeys(query: string, limit: number): KeyNode[] {
    const out: KeyNode[] = [];
    for (const org of this.shownOrganizations()) {
      const list = this.lists.get(listKey(org));
      if (!(list instanceof LoadedKeys)) {
        continue;
      }
      const view = list.view(query);
      for (const k of [...view.current, ...(view.inactive?.keys ?? [])]) {
        if (out.length >= limit) {
          return out;
        }
        out.push(list.nodes.get(k.key.id)!);
      }
    }
    return out;
  }

  /** Forget everything loaded (key lists and where keys are used) and read it again. */
  refresh(): void {
    this.usage.invalidate();
    this.usageGeneration++;
    this.lists.clear();
    this.loading.clear();
    this.hosts = undefined;
    this.orgNodes.clear();
    this.serverOrgs.clear();
    this.hostFailures.clear();
    this.changed.fire(undefined);
    this.updateMessage();
  }

  /** Reads one host's organizations and key lists again (Refresh on its row, Sign In Again). */
  reloadHost(origin: string): void {
    for (const org of this.orgNodes.get(origin) ?? []) {
      this.lists.delete(listKey(org));
      this.loading.delete(listKey(org));
    }
    this.orgNodes.delete(origin);
    this.serverOrgs.delete(origin);
    this.hostFailures.delete(origin);
    // With one host its organizations are the roots, which only a change of the whole tree redraws.
    this.changed.fire(this.hosts?.nodes.get(origin));
    this.updateMessage();
  }

  /** The organization rows loaded so far, host by host in the order the sidebar shows them. */
  private shownOrganizations(): OrgNode[] {
    return (this.hosts?.conns ?? []).flatMap((c) => this.orgNodes.get(c.origin) ?? []);
  }

  /** How the organization is named everywhere: the server's name, else its local label with the short id, else the short id. */
  organizationLabel(org: OrganizationRef): string {
    return organizationDisplayLabel(org.org.id, org.serverName, this.s.state.organizationLabel(org.org.id, org.origin));
  }

  /**
   * Loads an organization's key list unless it is loaded (or on its way) already: the list alone,
   * for the editor's known keys; where the keys are used is looked up when the view shows them.
   */
  async loadKeyList(org: OrgNode): Promise<void> {
    await this.listOf(org);
  }

  /** Every organization of every host shown, loading the host list and organization lists if needed. */
  async allOrganizations(): Promise<OrgNode[]> {
    const out: OrgNode[] = [];
    for (const conn of await this.connections()) {
      out.push(...(await this.organizations(conn)));
    }
    return out;
  }

  /** Shows the organizations' labels again (after Rename Organization…), without reading anything from the server. */
  labelsChanged(): void {
    this.changed.fire(undefined);
    this.updateMessage();
  }

  /** Adds a key created in this window on `origin` to its organization at once (no refetch) and returns its node. */
  addCreatedKey(origin: string, orgId: string, key: PublicApiKey): KeyNode | undefined {
    if (this.hosts !== undefined && !this.hosts.conns.some((c) => c.origin === origin)) {
      // A key of a host the sidebar does not show: none of the organizations here is its own.
      return undefined;
    }
    const org = this.orgNodes.get(origin)?.find((o) => o.org.id === orgId);
    if (!org) {
      this.orgNodes.delete(origin);
      this.changed.fire(undefined);
      return undefined;
    }
    const list = this.lists.get(listKey(org));
    if (list instanceof LoadedKeys) {
      const next = new LoadedKeys(list.source, org, [key, ...list.keys.filter((k) => k.id !== key.id)], list.readAt);
      next.failure = list.failure;
      this.setList(listKey(org), next);
      next.keepUsagesOf(list);
      this.changed.fire(org);
      this.keysChanged.fire();
      this.updateMessage();
      return next.nodes.get(key.id);
    }
    this.lists.delete(listKey(org));
    this.loading.delete(listKey(org));
    this.changed.fire(org);
    return undefined;
  }

  /** Marks a key revoked in the loaded list (the server's answer to DELETE has no body to read). */
  markRevoked(node: KeyNode, revokedAt: number): void {
    const list = this.lists.get(listKey(node.org));
    if (list instanceof LoadedKeys) {
      const keys = list.keys.map((k) => (k.id === node.key.id ? { ...k, revokedAt } : k));
      const next = new LoadedKeys(list.source, list.org, keys, list.readAt);
      next.failure = list.failure;
      next.keepUsagesOf(list);
      this.setList(listKey(node.org), next);
    }
    this.changed.fire(node.org);
    this.keysChanged.fire();
  }

  /** Reads an organization's keys again (Refresh or Retry on its rows); its keys stay shown if that fails. */
  reloadOrganization(org: OrgNode): void {
    this.lists.delete(listKey(org));
    this.loading.delete(listKey(org));
    this.changed.fire(this.orgNodes.get(org.origin)?.find((o) => o.id === org.id));
    this.updateMessage();
  }

  /** Refreshes the rows whose context depends on the held secret. */
  refreshKeyRows(): void {
    this.changed.fire(undefined);
  }

  getParent(node: TreeNode): TreeNode | undefined {
    if (node instanceof UsageNode || node instanceof HeldVariableNode) {
      return node.keyNode;
    }
    if (node instanceof KeyNode && node.group) {
      // The group row of the key's organization (the one list that made the key's node).
      const list = this.lists.get(listKey(node.org));
      return list instanceof LoadedKeys ? list.group : undefined;
    }
    if (node instanceof HostNode) {
      return undefined;
    }
    // The host row exists only while several hosts are shown.
    if (node instanceof OrgNode || (node instanceof MessageNode && node.org === undefined)) {
      return this.hosts?.nodes.get(node.origin);
    }
    return node.org;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) {
      const conns = await this.connections();
      if (conns.length === 1) {
        return this.organizationRows(conns[0]);
      }
      return conns.map((c) => this.hosts!.nodes.get(c.origin)!);
    }
    if (node instanceof HostNode) {
      const conn = (await this.connections()).find((c) => c.origin === node.origin);
      return conn ? this.organizationRows(conn) : [];
    }
    if (node instanceof OrgNode) {
      return this.keysOf(node);
    }
    if (node instanceof InactiveGroupNode) {
      return node.keys;
    }
    if (node instanceof KeyNode) {
      const kept = this.keptFor(node).map((v) => new HeldVariableNode(node, v));
      return [...kept, ...node.usages.map((u) => new UsageNode(node, u))];
    }
    return [];
  }

  /** What rows need from the window to draw themselves. */
  private readonly rows: RowContext = {
    organizationLabel: (org) => this.organizationLabel(org),
    localLabel: (org) => this.s.state.organizationLabel(org.org.id, org.origin),
    holds: (keyId) => this.s.session.holds(keyId),
    keptFor: (node) => this.keptFor(node),
  };

  /** The variables this workspace keeps the key in the keychain for (workspace state only, never the secret). */
  private keptFor(node: KeyRef): string[] {
    return variablesOf(this.s.heldKeys.mappings(), { origin: node.org.origin, keyId: node.key.id });
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.kind === 'organization' || node.kind === 'apiKey' ? node.treeItem(this.rows) : node.treeItem();
  }

  /** Tooltips are built only when a row is hovered, so 5,000 rows cost nothing up front. */
  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    if (node instanceof KeyNode && !item.tooltip) {
      item.tooltip = node.tooltip();
    }
    return item;
  }

  /** The hosts that hold a token, read once until refresh(); an empty list is read again next time. */
  private async connections(): Promise<Connection[]> {
    if (this.hosts) {
      return this.hosts.conns;
    }
    // vued.signedIn is set by the extension's sign-in watcher; an empty root shows the welcome view.
    const conns = await this.connect();
    // What was read from a host signed out of is not shown again, even as stale.
    const origins = new Set(conns.map((c) => c.origin));
    for (const [key, list] of this.known) {
      if (!origins.has(list.org.origin)) {
        this.known.delete(key);
      }
    }
    for (const origin of this.knownServerOrgs.keys()) {
      if (!origins.has(origin)) {
        this.knownServerOrgs.delete(origin);
      }
    }
    if (conns.length === 0) {
      return conns;
    }
    const nodes = new Map(conns.length > 1 ? conns.map((c) => [c.origin, new HostNode(c.label, c.origin)] as const) : []);
    this.hosts = { conns, nodes };
    return conns;
  }

  private async organizations(conn: Connection): Promise<OrgNode[]> {
    const origin = conn.origin;
    const cached = this.orgNodes.get(origin);
    if (cached) {
      return cached;
    }
    const config = readConfig();
    const st = this.s.state;
    const local = mergeOrganizations(
      st.addedOrgs(origin),
      st.recentOrgIds(origin).map((id) => ({ id })),
      // vued.defaultOrgId belongs to vued.apiBaseUrl's host.
      config.defaultOrgId && conn.isDefault ? [{ id: config.defaultOrgId }] : [],
      st.createdKeys(undefined, origin).map((k) => ({ id: k.orgId })),
    );
    let server = this.serverOrgs.get(origin);
    if (server === undefined) {
      try {
        server = await conn.listOrganizations();
        this.knownServerOrgs.set(origin, server);
      } catch (e) {
        server = 'unsupported';
        if (e instanceof ApiError && organizationsNotOffered(e.status)) {
          this.s.log.info(`GET /orgs is not available at ${origin} (${e.detail}); showing the organizations known locally.`);
        } else {
          // A real failure: the organizations it listed last time stay, and the view says why.
          this.hostFailures.set(origin, this.failureOf(e));
          this.s.log.warn(`Listing the organizations of ${origin} failed (${e instanceof ApiError ? `${e.method} ${e.url} ${e.detail}` : String(e)}); showing those known from before.`);
        }
      }
      this.serverOrgs.set(origin, server);
    }
    const listed = server === 'unsupported' ? (this.hostFailures.has(origin) ? (this.knownServerOrgs.get(origin) ?? []) : []) : server;
    // The server's names are told apart from local labels (Add Organization's, Rename Organization's).
    const serverNames = new Map(mergeOrganizations(listed).filter((o) => o.name !== undefined).map((o) => [o.id, o.name!]));
    const hidden = new Set(st.hiddenOrgIds(origin));
    const added = new Map(mergeOrganizations(st.addedOrgs(origin)).map((o) => [o.id, o.name]));
    const all = mergeOrganizations(st.addedOrgs(origin), listed, local).filter((o) => !hidden.has(o.id));
    const nodes = all.map((o) => new OrgNode({ id: o.id, name: added.get(o.id) }, origin, serverNames.get(o.id)));
    this.orgNodes.set(origin, nodes);
    await this.contextKeys.set(ContextKeys.hasOrganizations, [...this.orgNodes.values()].some((orgs) => orgs.length > 0));
    this.updateMessage();
    return nodes;
  }

  /** A host's organization rows; when it has none because GET /orgs failed, the row saying why instead. */
  private async organizationRows(conn: Connection): Promise<TreeNode[]> {
    const orgs = await this.organizations(conn);
    const failure = this.hostFailures.get(conn.origin);
    if (orgs.length > 0 || !failure) {
      return orgs;
    }
    return [hostFailureRow(conn.origin, conn.label, failure)];
  }

  /** An organization's key list, loaded once until a refresh or reload. */
  private async listOf(org: OrgNode): Promise<KeyList> {
    const key = listKey(org);
    let list = this.lists.get(key);
    if (!list) {
      // Rows asked for twice while the list is on its way (the view and the editor's first look)
      // share one request.
      let pending = this.loading.get(key);
      if (!pending) {
        pending = this.load(org);
        this.loading.set(key, pending);
      }
      list = await pending;
      if (this.loading.get(key) === pending) {
        this.loading.delete(key);
        this.setList(key, list);
        this.keysChanged.fire();
        this.updateMessage();
      }
    }
    this.updateBadge();
    return list;
  }

  private async keysOf(org: OrgNode): Promise<TreeNode[]> {
    const list = await this.listOf(org);
    if (!(list instanceof LoadedKeys)) {
      return [failureRow(org, this.organizationLabel(org), list.failure, undefined)];
    }
    // Usages are looked up for each new list (a created or revoked key makes one) and again after a
    // .env file changed; a list replaced while its lookup ran gets its own lookup on its next read.
    // Rows shown again from what is known still let the index check that no file escaped it.
    if (list.usagesAt !== this.usageGeneration) {
      const generation = this.usageGeneration;
      await this.findUsages(list.allNodes());
      list.usagesAt = generation;
    } else {
      this.usage.verifySoon();
    }
    const rows: TreeNode[] = list.failure ? [failureRow(org, this.organizationLabel(org), list.failure, list.readAt)] : [];
    const stoppedAfter = this.usage.stoppedAfter();
    if (stoppedAfter !== undefined) {
      const count = stoppedAfter.toLocaleString('en-US');
      rows.push(
        new MessageNode(
          org,
          org.origin,
          vscode.l10n.t('Stopped after {0} .env files; usages beyond them are not shown.', count),
          'info',
          { tooltip: vscode.l10n.t('The workspace has more than {0} .env files. Exclude folders you do not need (files.exclude or search.exclude) to have the rest looked at.', count) },
          'usageCap',
        ),
      );
    }
    if (list.source === 'local') {
      rows.push(
        new MessageNode(
          org,
          org.origin,
          vscode.l10n.t('This server does not list keys: these are the ones created in this VS Code.'),
          'info',
          {
            tooltip: vscode.l10n.t('The Vued API at this address does not answer GET /orgs/{id}/api-keys, so only keys created here are shown (their metadata; secrets are never stored).'),
            spoken: vscode.l10n.t('This server does not list keys: these are the ones created in this VS Code. Keys created elsewhere are not shown. Learn More is in the context menu.'),
            tokens: ['listingNotOffered', 'learnMore'],
          },
        ),
      );
    }
    const view = list.rows(this.query);
    rows.push(...view.current);
    if (view.inactive) {
      list.group.keys = view.inactive.keys;
      list.group.label = view.inactive.label;
      rows.push(list.group);
    } else {
      list.group.keys = [];
    }
    if (this.query !== '' && view.current.length === 0 && view.inactive === undefined && list.keys.length > 0) {
      const text = vscode.l10n.t('No key matches "{0}".', this.query.trim());
      const clear = vscode.l10n.t('Clear Key Filter (on this row and in the view\'s … menu) shows every key.');
      rows.push(new MessageNode(org, org.origin, text, 'info', { tooltip: `${text} ${clear}`, spoken: `${text} ${clear}`, tokens: ['filter', 'clearFilter'] }, 'filter'));
    }
    return rows;
  }

  /** Keeps a list, and remembers it as the last one read of its organization. */
  private setList(key: string, list: KeyList): void {
    this.lists.set(key, list);
    if (list instanceof LoadedKeys) {
      this.known.set(key, list);
    }
  }

  private failureOf(e: unknown): ListFailure {
    return {
      kind: listFailureKind(e instanceof ApiError ? e.kind : undefined),
      text: e instanceof ApiError ? userSentence(e) : vscode.l10n.t('Could not list the keys.'),
      at: Date.now(),
    };
  }

  /** The view's message, from the lists shown and the hosts (see viewMessageText). */
  private computeMessage(now: number): { text: string | undefined; staleSince: number | undefined } {
    let staleSince: number | undefined;
    const failed: MessageFacts['failed'] = [];
    let matching = 0;
    for (const org of this.shownOrganizations()) {
      const list = this.lists.get(listKey(org));
      if (list instanceof LoadedKeys) {
        if (list.failure) {
          failed.push({ origin: org.origin, label: this.organizationLabel(org), failure: list.failure });
          staleSince = Math.min(staleSince ?? list.readAt, list.readAt);
        }
        if (this.query !== '') {
          const rows = list.rows(this.query);
          matching += rows.current.length + (rows.inactive?.keys.length ?? 0);
        }
      } else if (list) {
        failed.push({ origin: org.origin, label: this.organizationLabel(org), failure: list.failure });
      }
    }
    const hostFailures = (this.hosts?.conns ?? []).flatMap((conn) => {
      const failure = this.hostFailures.get(conn.origin);
      return failure ? [{ origin: conn.origin, label: conn.label, failure }] : [];
    });
    return { text: viewMessageText({ failed, hostFailures, staleSince, query: this.query, matching }, now), staleSince };
  }

  /** Computes the view's message, fires it when it changed, and sets the timer that keeps "read N min ago" true. */
  private updateMessage(): void {
    const now = Date.now();
    const { text, staleSince } = this.computeMessage(now);
    if (text !== this.message) {
      this.message = text;
      this.messageChanged.fire(text);
    }
    if (this.tick !== undefined) {
      clearTimeout(this.tick);
      this.tick = undefined;
    }
    const next = staleSince === undefined ? undefined : nextReadAgoChange(staleSince, now);
    if (next !== undefined) {
      this.tick = setTimeout(() => {
        this.tick = undefined;
        // The stale organizations' first rows say "read N min ago" too.
        for (const org of this.shownOrganizations()) {
          if ((this.lists.get(listKey(org)) as LoadedKeys | undefined)?.failure) {
            this.changed.fire(org);
          }
        }
        this.updateMessage();
      }, Math.max(1000, next - now));
    }
  }

  private async findUsages(keys: KeyNode[]): Promise<void> {
    try {
      const usages = await this.usage.usagesOf(keys.map((k) => k.key));
      const byKey = new Map<string, LocatedUsage[]>();
      for (const u of usages) {
        byKey.set(u.keyId, [...(byKey.get(u.keyId) ?? []), u]);
      }
      for (const k of keys) {
        k.usages = byKey.get(k.key.id) ?? [];
      }
    } catch (e) {
      this.s.log.warn(`Could not look for key usages in .env files: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private async load(org: OrgNode): Promise<KeyList> {
    const key = listKey(org);
    try {
      const conn = (await this.connect()).find((c) => c.origin === org.origin);
      if (!conn) {
        return { source: 'error', failure: { kind: 'signedOut', text: vscode.l10n.t('Signed out: set an access token to list keys.'), at: Date.now() } };
      }
      const keys = await conn.listKeys(org.org.id);
      return new LoadedKeys('server', org, keys, Date.now());
    } catch (e) {
      if (e instanceof ApiError && e.kind === 'unsupported') {
        this.s.log.info(`Listing keys is not supported by this server (${e.detail}); showing keys created in this VS Code.`);
        return new LoadedKeys('local', org, this.s.state.createdKeys(org.org.id, org.origin).map((k) => k.key), Date.now());
      }
      this.s.log.error(`Listing the keys of ${org.org.id} failed: ${e instanceof ApiError ? `${e.method} ${e.url} ${e.detail}` : String(e)}`);
      const failure = this.failureOf(e);
      // The keys read last stay, marked stale by the failure, until a read succeeds.
      const known = this.known.get(key);
      if (known) {
        known.failure = failure;
        return known;
      }
      return { source: 'error', failure };
    }
  }

  dispose(): void {
    if (this.tick !== undefined) {
      clearTimeout(this.tick);
    }
    this.messageChanged.dispose();
    this.usageSub.dispose();
    this.keysChanged.dispose();
    this.badgeChanged.dispose();
    this.changed.dispose();
  }
}

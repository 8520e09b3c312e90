import * as vscode from 'vscode';
import { isApiError } from '../core/errors';
import type { Organization, PublicApiKey } from '../core/api/types';
import { keyDescription, keyStatus, type KeyStatus, keyTooltipMarkdown, mergeOrganizations, organizationLabel, sortKeys, STATUS_LABEL } from '../core/keys';
import { describeUsage } from '../core/usage';
import { ContextKeys, TreeCommands } from '../constants';
import type { LocatedUsage } from '../dotenvFiles/usageIndex';
import type { Usages } from '../dotenvFiles/usages';
import { readConfig } from '../platform/config';
import type { Services } from '../services';

/** Where the extension can currently talk to: undefined when signed out or the base URL is refused. */
export interface Connection {
  baseUrl: string;
  origin: string;
  listKeys(orgId: string): Promise<PublicApiKey[]>;
  listOrganizations(): Promise<Organization[]>;
}

export class OrgNode {
  readonly kind = 'organization';
  constructor(readonly org: Organization) {}
}

export class KeyNode {
  readonly kind = 'apiKey';
  /** Where the key is used (.env files and variables); filled in when the view shows the key. */
  usages: LocatedUsage[] = [];
  constructor(readonly org: OrgNode, readonly key: PublicApiKey, readonly status: KeyStatus) {}
}

export class UsageNode {
  readonly kind = 'usage';
  constructor(readonly keyNode: KeyNode, readonly usage: LocatedUsage) {}
  get org(): OrgNode {
    return this.keyNode.org;
  }
}

export class MessageNode {
  readonly kind = 'message';
  constructor(
    readonly org: OrgNode,
    readonly text: string,
    readonly tone: 'info' | 'error',
    readonly detail?: string,
    /** Tells rows of the same tone in one organization apart. */
    readonly topic = 'list',
  ) {}
}

export type TreeNode = OrgNode | KeyNode | UsageNode | MessageNode;

type KeyList =
  | { source: 'server'; keys: KeyNode[] }
  | { source: 'local'; keys: KeyNode[] }
  | { source: 'error'; message: string };

const ICONS: Record<KeyStatus, vscode.ThemeIcon> = {
  active: new vscode.ThemeIcon('key', new vscode.ThemeColor('charts.green')),
  expiring: new vscode.ThemeIcon('warning', new vscode.ThemeColor('charts.yellow')),
  expired: new vscode.ThemeIcon('error', new vscode.ThemeColor('charts.red')),
  revoked: new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground')),
};

/**
 * Organizations → their API keys. Lists come from GET /orgs/{id}/api-keys, or, where the server does
 * not list keys (404/405/501), from the metadata of keys created in this VS Code, under a row saying
 * so. Failures become one error row with a retry action, never a modal.
 */
export class ApiKeysTree implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly lists = new Map<string, KeyList>();
  private orgNodes: OrgNode[] | undefined;
  private serverOrgs: Organization[] | 'unsupported' | undefined;
  /** Organizations whose keys' usages are current (cleared when a .env file changes). */
  private readonly usagesDone = new Set<string>();
  private readonly badgeChanged = new vscode.EventEmitter<number>();
  /** Fires the number of loaded keys that expire within 7 days. */
  readonly onDidChangeExpiring = this.badgeChanged.event;
  private readonly usageSub: vscode.Disposable;

  constructor(
    private readonly s: Services,
    private readonly connect: () => Promise<Connection | undefined>,
    private readonly usage: Usages,
  ) {
    this.usageSub = usage.onDidChange(() => {
      this.usagesDone.clear();
      this.changed.fire(undefined);
    });
  }

  /** Every loaded key node (for the badge, rotation and tests). */
  loadedKeys(): KeyNode[] {
    return [...this.lists.values()].flatMap((l) => (l.source === 'error' ? [] : l.keys));
  }

  private updateBadge(): void {
    this.badgeChanged.fire(this.loadedKeys().filter((k) => k.status === 'expiring').length);
  }

  /** Forget everything loaded (key lists and where keys are used) and read it again. */
  refresh(): void {
    this.usage.invalidate();
    this.usagesDone.clear();
    this.lists.clear();
    this.orgNodes = undefined;
    this.serverOrgs = undefined;
    this.changed.fire(undefined);
  }

  /** Adds a key created in this window to its organization at once (no refetch) and returns its node. */
  addCreatedKey(orgId: string, key: PublicApiKey): KeyNode | undefined {
    const org = this.orgNodes?.find((o) => o.org.id === orgId);
    if (!org) {
      this.orgNodes = undefined;
      this.changed.fire(undefined);
      return undefined;
    }
    const list = this.lists.get(orgId);
    if (list && list.source !== 'error') {
      const node = new KeyNode(org, key, keyStatus(key, Date.now()));
      list.keys = [node, ...list.keys.filter((k) => k.key.id !== key.id)];
      this.usagesDone.delete(orgId);
      this.changed.fire(org);
      return node;
    }
    this.lists.delete(orgId);
    this.changed.fire(org);
    return undefined;
  }

  /** Marks a key revoked in the loaded list (the server's answer to DELETE has no body to read). */
  markRevoked(node: KeyNode, revokedAt: number): void {
    const list = this.lists.get(node.org.org.id);
    if (list && list.source !== 'error') {
      list.keys = list.keys.map((k) => (k.key.id === node.key.id ? new KeyNode(k.org, { ...k.key, revokedAt }, 'revoked') : k));
    }
    this.usagesDone.delete(node.org.org.id);
    this.changed.fire(node.org);
  }

  reloadOrganization(orgId: string): void {
    this.lists.delete(orgId);
    this.changed.fire(this.orgNodes?.find((o) => o.org.id === orgId));
  }

  /** Refreshes the rows whose context depends on the held secret. */
  refreshKeyRows(): void {
    this.changed.fire(undefined);
  }

  getParent(node: TreeNode): TreeNode | undefined {
    if (node instanceof UsageNode) {
      return node.keyNode;
    }
    return node instanceof OrgNode ? undefined : node.org;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) {
      return this.organizations();
    }
    if (node instanceof OrgNode) {
      return this.keysOf(node);
    }
    if (node instanceof KeyNode) {
      return node.usages.map((u) => new UsageNode(node, u));
    }
    return [];
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    if (node instanceof OrgNode) {
      const item = new vscode.TreeItem(organizationLabel(node.org), vscode.TreeItemCollapsibleState.Expanded);
      item.id = `org:${node.org.id}`;
      item.description = node.org.name ? node.org.id : undefined;
      item.tooltip = node.org.name ? `${node.org.name}\n${node.org.id}` : node.org.id;
      item.iconPath = new vscode.ThemeIcon('organization');
      item.contextValue = 'organization';
      return item;
    }
    if (node instanceof KeyNode) {
      const used = node.usages.length;
      const item = new vscode.TreeItem(node.key.name, used ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
      item.id = `key:${node.org.org.id}:${node.key.id}`;
      const files = new Set(node.usages.map((u) => u.path)).size;
      item.description = keyDescription(node.key, node.status) + (used ? ` · ${files === 1 ? vscode.l10n.t('in 1 file') : vscode.l10n.t('in {0} files', files)}` : '');
      item.iconPath = ICONS[node.status];
      const tokens = ['apiKey', node.status];
      if (node.status !== 'revoked') {
        tokens.push('revocable');
      }
      if (this.s.session.holds(node.key.id)) {
        tokens.push('hasSecret');
      }
      if (used) {
        tokens.push('used');
      }
      item.contextValue = tokens.join(' ');
      item.accessibilityInformation = { label: `${node.key.name}, ${STATUS_LABEL[node.status]}, ${item.description}` };
      return item;
    }
    if (node instanceof UsageNode) {
      const u = node.usage;
      const item = new vscode.TreeItem(describeUsage(u), vscode.TreeItemCollapsibleState.None);
      item.id = `use:${node.keyNode.key.id}:${u.path}:${u.variable}:${u.line}`;
      item.iconPath = new vscode.ThemeIcon('file');
      item.tooltip = vscode.l10n.t('{0}, line {1}: {2}', u.path, u.line + 1, u.variable);
      item.contextValue = 'usage';
      const at = new vscode.Range(u.line, 0, u.line, 0);
      item.command = { command: 'vscode.open', title: vscode.l10n.t('Open'), arguments: [u.uri, { selection: at, preview: true }] };
      return item;
    }
    const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
    item.id = `msg:${node.org.org.id}:${node.tone}${node.topic === 'list' ? '' : `:${node.topic}`}`;
    item.tooltip = node.detail ?? node.text;
    item.iconPath = new vscode.ThemeIcon(node.tone === 'error' ? 'error' : 'info');
    item.contextValue = node.tone === 'error' ? 'loadError' : 'notice';
    if (node.tone === 'error') {
      item.command = { command: TreeCommands.refreshKeys, title: vscode.l10n.t('Retry'), arguments: [node.org] };
    }
    return item;
  }

  /** Tooltips are built only when a row is hovered, so 5,000 rows cost nothing up front. */
  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    if (node instanceof KeyNode && !item.tooltip) {
      item.tooltip = new vscode.MarkdownString(keyTooltipMarkdown(node.key, node.status));
    }
    return item;
  }

  private async organizations(): Promise<OrgNode[]> {
    if (this.orgNodes) {
      return this.orgNodes;
    }
    // vued.signedIn is set by the extension's sign-in watcher; an empty root shows the welcome view.
    const conn = await this.connect();
    if (!conn) {
      return [];
    }
    const config = readConfig();
    const st = this.s.state;
    const local = mergeOrganizations(
      st.addedOrgs(),
      st.recentOrgIds().map((id) => ({ id })),
      config.defaultOrgId ? [{ id: config.defaultOrgId }] : [],
      st.createdKeys().map((k) => ({ id: k.orgId })),
    );
    if (this.serverOrgs === undefined) {
      try {
        this.serverOrgs = await conn.listOrganizations();
      } catch (e) {
        this.serverOrgs = 'unsupported';
        this.s.log.info(`GET /orgs is not available here (${isApiError(e) ? e.detail : String(e)}); showing the organizations known locally.`);
      }
    }
    const hidden = new Set(st.hiddenOrgIds());
    const all = mergeOrganizations(st.addedOrgs(), this.serverOrgs === 'unsupported' ? [] : this.serverOrgs, local).filter((o) => !hidden.has(o.id));
    await vscode.commands.executeCommand('setContext', ContextKeys.hasOrganizations, all.length > 0);
    this.orgNodes = all.map((o) => new OrgNode(o));
    return this.orgNodes;
  }

  private async keysOf(org: OrgNode): Promise<TreeNode[]> {
    let list = this.lists.get(org.org.id);
    if (!list) {
      list = await this.load(org);
      this.lists.set(org.org.id, list);
    }
    this.updateBadge();
    if (list.source === 'error') {
      return [new MessageNode(org, list.message, 'error', vscode.l10n.t('Click to retry. Details are in the Vued log.'))];
    }
    if (!this.usagesDone.has(org.org.id)) {
      await this.findUsages(list.keys);
      this.usagesDone.add(org.org.id);
    }
    const notes: TreeNode[] = [];
    const stoppedAfter = this.usage.stoppedAfter();
    if (stoppedAfter !== undefined) {
      const count = stoppedAfter.toLocaleString('en-US');
      notes.push(
        new MessageNode(
          org,
          vscode.l10n.t('Stopped after {0} .env files; usages beyond them are not shown.', count),
          'info',
          vscode.l10n.t('The workspace has more than {0} .env files. Exclude folders you do not need (files.exclude or search.exclude) to have the rest looked at.', count),
          'usageCap',
        ),
      );
    }
    if (list.source === 'local') {
      const note = new MessageNode(
        org,
        vscode.l10n.t('This server does not list keys: these are the ones created in this VS Code.'),
        'info',
        vscode.l10n.t('The Vued API at this address does not answer GET /orgs/{id}/api-keys, so only keys created here are shown (their metadata; secrets are never stored).'),
      );
      return [note, ...notes, ...list.keys];
    }
    return [...notes, ...list.keys];
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
    const now = Date.now();
    const toNodes = (keys: PublicApiKey[]) => sortKeys(keys).map((k) => new KeyNode(org, k, keyStatus(k, now)));
    try {
      const conn = await this.connect();
      if (!conn) {
        return { source: 'error', message: vscode.l10n.t('Signed out: set an access token to list keys.') };
      }
      return { source: 'server', keys: toNodes(await conn.listKeys(org.org.id)) };
    } catch (e) {
      if (isApiError(e) && e.kind === 'unsupported') {
        this.s.log.info(`Listing keys is not supported by this server (${e.detail}); showing keys created in this VS Code.`);
        return { source: 'local', keys: toNodes(this.s.state.createdKeys(org.org.id).map((k) => k.key)) };
      }
      this.s.log.error(`Listing the keys of ${org.org.id} failed: ${isApiError(e) ? `${e.method} ${e.url} ${e.detail}` : String(e)}`);
      return { source: 'error', message: isApiError(e) ? e.message : vscode.l10n.t('Could not list the keys.') };
    }
  }

  dispose(): void {
    this.usageSub.dispose();
    this.badgeChanged.dispose();
    this.changed.dispose();
  }
}

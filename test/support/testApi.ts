/**
 * The extension's test-mode API: what activate() returns when VS Code runs the extension's tests,
 * and the parts a test run swaps in (a scripted Ui, a SecretStorage that can be made to fail).
 * Bundled into dist/extension.js only by development builds; `node esbuild.mjs --production`
 * drops it (the VUED_TEST_API define), which scripts/check-vsix.mjs and a unit test check.
 */
import * as vscode from 'vscode';
import type { PublicApiKey } from '../../src/core/api/types';
import type { VuedAuthenticationProvider } from '../../src/auth/authenticationProvider';
import type { EditorTesting } from '../../src/editor';
import { type HeldKeyMapping, heldSecretKey } from '../../src/core/keys/keychain';
import { DebugEnvironment } from '../../src/keys/debugEnvironment';
import { type HeldKeyIdentity, HeldKeyStore } from '../../src/keys/keychain';
import { JOURNAL_STATE_KEY } from '../../src/core/keys/journal';
import { SIGN_IN_CANCELLED_NAME } from '../../src/core/auth/sessionBook';
import { SESSION_SCOPE } from '../../src/constants';
import type { OrphanCheck } from '../../src/keys/orphanCheck';
import type { ServiceOverrides, Services } from '../../src/services';
import type { SignInState, SignInWatcher } from '../../src/auth/signInWatcher';
import { ApiKeysTree } from '../../src/views/apiKeysTree';
import { KeyNode } from '../../src/views/tree/keyNode';
import { OrgNode } from '../../src/views/tree/organizationNode';
import { type TreeNode } from '../../src/views/tree/treeNode';
import { TokenStore } from '../../src/connection/tokenStore';
import { ContextKeyValues } from '../../src/platform/contextKeys';
import type { Sidebar } from '../../src/views/sidebar';
import type { VuedStatusBar } from '../../src/views/statusBar';
import { scanFiles } from './leakScan';
import { ScriptedUi } from './scriptedUi';

export interface TestingApi {
  ui: ScriptedUi;
  /** Id of the key whose secret this window holds (never the secret itself). */
  heldKeyId(): string | undefined;
  /** The tree as VS Code would see it: each node's TreeItem, children loaded. */
  tree: {
    roots(): Promise<Array<{ node: TreeNode; item: vscode.TreeItem }>>;
    children(node: TreeNode): Promise<Array<{ node: TreeNode; item: vscode.TreeItem }>>;
    tooltip(node: TreeNode): string | undefined;
    refresh(): void;
    selection(): readonly TreeNode[];
    badge(): vscode.ViewBadge | undefined;
    /** Finds a loaded key's node by id. */
    key(keyId: string): KeyNode | undefined;
    /** The roots of a new tree built from the same state, as after a window reload. */
    rootsAfterReload(): Promise<Array<{ node: TreeNode; item: vscode.TreeItem }>>;
    /** The Filter Keys… quick pick while it is open, and the text the tree is filtered by. */
    filterPicker(): vscode.QuickPick<vscode.QuickPickItem> | undefined;
    filter(): string;
    /** Filters the tree as one keystroke in the quick pick does (for the bench). */
    setFilter(query: string): void;
    /** The view's message (TreeView.message), as VS Code shows it above the rows. */
    message(): string | undefined;
  };
  /** Problems, hover, quick fixes and masking in editors. */
  editor: EditorTesting;
  /** The context keys the extension set, with their last values (for checking `when` clauses). */
  contextKeys(): Record<string, boolean | string>;
  signInState(): SignInState;
  /**
   * The `vued` provider's sessions as it gives them to VS Code: id, account label, and whether the
   * access token is the one given (the token itself never leaves, so no assertion can print it).
   */
  sessions(): Promise<Array<{ id: string; label: string; tokenIs(token: string): boolean }>>;
  /** The provider's removeSession, as the Accounts menu's Sign Out calls it. */
  removeSession(id: string): Promise<void>;
  /**
   * Signs in as VS Code's Accounts menu does ("Sign in with Vued…" calls the provider's
   * createSession): the session's account label, or undefined when signing in was cancelled.
   */
  signInFromAccountsMenu(): Promise<string | undefined>;
  /** The status bar item as it is now: text, tooltip, command and whether it is shown. */
  statusItem(): { text: string; tooltip: string | undefined; command: string | undefined; visible: boolean };
  /** Makes the provider read its sessions again (after a test changed VUED_TOKEN). */
  refreshSessions(): Promise<void>;
  /** Writes a token straight into SecretStorage, as another window does, past this window's token store. */
  storeTokenAsAnotherWindow(origin: string, token: string): Promise<void>;
  /** A key row of `origin`'s organization, as the tree of that host would give it to a command. */
  keyNodeFor(origin: string, orgId: string, key: PublicApiKey): KeyNode;
  /** Folder of the extension's own log files (the Vued output channel). */
  logDir: string;
  /** Swaps SecretStorage for one that fails like a machine without a keyring; returns a restore function. */
  breakSecretStorage(): () => void;
  /**
   * The workspace's `.env` index: a lower file cap (undefined restores it), how many files it has
   * read, and whether anyone asked for it yet.
   */
  /** `read()` lists and reads the workspace's `.env` files as the sidebar's usage rows or a flow would; resolves with how many it holds. */
  envIndex: { setMaxFiles(max: number | undefined): void; readCount(): number; isLoaded(): boolean; read(): Promise<number> };
  /**
   * The orphan journal as globalState holds it (read and written raw, as the next start would find
   * it), and the check activation schedules, run now.
   */
  journal: { stored(): unknown; store(value: unknown): Promise<void>; check(): Promise<void> };
  /** The sweep of what unfinished writes left beside the workspace's files, which activation schedules, run now. */
  writeLeftovers: { sweep(): Promise<void> };
  /** Forgets the secret this window holds, as a new extension host would not have it. */
  forgetHeldSecret(): void;
  /** Keys held in the keychain for this workspace's terminals and debug sessions. */
  keychain: {
    /** The mapping as workspace state holds it (ids and names only). */
    mappings(): HeldKeyMapping[];
    /** Whether SecretStorage holds exactly `value` for the key (read past the store's cache; the secret never leaves). */
    secretIs(origin: string, keyId: string, value: string): Promise<boolean>;
    /** Whether SecretStorage holds any secret for the key. */
    secretStored(origin: string, keyId: string): Promise<boolean>;
    /** How many held secrets this window has read from SecretStorage. */
    secretReads(): number;
    /** Forgets a key straight through the store (every variable; its secret leaves SecretStorage). */
    forget(origin: string, keyId: string): Promise<void>;
    /** Keeps a secret for a variable straight through the store, as another window of this workspace would have. */
    hold(key: HeldKeyIdentity, secret: string, variable: string): Promise<void>;
    /** The work of the debug configuration stand-in, as VS Code calls it after substituting variables. */
    resolveDebug(config: vscode.DebugConfiguration): Promise<vscode.DebugConfiguration>;
    /**
     * The same, as the first session of a window opened later: a store of its own over the same
     * SecretStorage and workspace state, which has read nothing yet. Returns how many secrets it read.
     */
    resolveDebugAsNewWindow(config: vscode.DebugConfiguration): Promise<{ config: vscode.DebugConfiguration; reads: number }>;
    /** The names of the variables a terminal of this workspace would get now (reads the keychain). */
    terminalVariables(): Promise<string[]>;
    /** The status bar's tooltip. */
    statusTooltip(): string | undefined;
    /** The files (`file: label`) holding a secret kept for this workspace; the secrets are read here and never leave. */
    scanForKeptSecrets(files: readonly string[]): Promise<string[]>;
  };
}

type Storage = Pick<vscode.SecretStorage, 'get' | 'store' | 'delete'>;

/** The real SecretStorage, or while broken, one whose every call fails. */
class BreakableSecretStorage implements vscode.SecretStorage {
  private failing: Storage | undefined;
  readonly onDidChange: vscode.Event<vscode.SecretStorageChangeEvent>;

  constructor(private readonly real: vscode.SecretStorage) {
    this.onDidChange = real.onDidChange;
  }

  private get current(): Storage {
    return this.failing ?? this.real;
  }

  get(key: string): Thenable<string | undefined> {
    return this.current.get(key);
  }

  store(key: string, value: string): Thenable<void> {
    return this.current.store(key, value);
  }

  delete(key: string): Thenable<void> {
    return this.current.delete(key);
  }

  break(): () => void {
    const fail = () => Promise.reject(new Error('Cannot create an item in a locked collection'));
    this.failing = { get: fail, store: fail, delete: fail };
    return () => {
      this.failing = undefined;
    };
  }
}

/** Created by activate() only in ExtensionMode.Test (and only in a development bundle). */
export class TestMode {
  readonly ui = new ScriptedUi();
  private readonly secrets: BreakableSecretStorage;

  constructor(private readonly context: vscode.ExtensionContext) {
    this.secrets = new BreakableSecretStorage(context.secrets);
  }

  /** What createServices() uses instead of the real Ui and SecretStorage. */
  get overrides(): ServiceOverrides {
    return { ui: this.ui, secrets: this.secrets };
  }

  api(
    s: Services, sidebar: Sidebar, signIn: SignInWatcher, statusBar: VuedStatusBar, auth: VuedAuthenticationProvider, editor: EditorTesting, orphans: Pick<OrphanCheck, 'run'>,
    leftovers: { sweep(): Promise<void> }, debug: DebugEnvironment,
  ): TestingApi {
    const { tree, view } = sidebar;
    const withItems = async (nodes: TreeNode[]) => nodes.map((node) => ({ node, item: tree.getTreeItem(node) }));
    return {
      ui: this.ui,
      heldKeyId: () => s.session.last?.key.id,
      tree: {
        roots: async () => withItems(await tree.getChildren()),
        children: async (node) => withItems(await tree.getChildren(node)),
        tooltip: (node) => {
          const tip = tree.resolveTreeItem(tree.getTreeItem(node), node).tooltip;
          return tip instanceof vscode.MarkdownString ? tip.value : tip;
        },
        refresh: () => tree.refresh(),
        selection: () => view.selection,
        badge: () => view.badge,
        key: (keyId) => tree.loadedKeys().find((k) => k.key.id === keyId),
        rootsAfterReload: async () => {
          const fresh = new ApiKeysTree(s, sidebar.connect, s.envFiles, new ContextKeyValues());
          try {
            return (await fresh.getChildren()).map((node) => ({ node, item: fresh.getTreeItem(node) }));
          } finally {
            fresh.dispose();
          }
        },
        filterPicker: () => sidebar.keyFilter.activePicker,
        filter: () => tree.filter,
        setFilter: (query) => sidebar.keyFilter.set(query),
        message: () => view.message || undefined,
      },
      editor,
      contextKeys: () => s.contextKeys.snapshot(),
      signInState: () => signIn.state,
      removeSession: (id) => auth.removeSession(id),
      signInFromAccountsMenu: async () => {
        try {
          return (await auth.createSession([SESSION_SCOPE])).account.label;
        } catch (e) {
          if (e instanceof Error && e.name === SIGN_IN_CANCELLED_NAME) {
            return undefined;
          }
          throw e;
        }
      },
      statusItem: () => statusBar.snapshot(),
      refreshSessions: async () => {
        await auth.refresh();
      },
      storeTokenAsAnotherWindow: async (origin, token) => {
        await this.context.secrets.store(TokenStore.keyFor(origin), token);
      },
      keyNodeFor: (origin, orgId, key) => {
        const org = new OrgNode({ id: orgId }, origin);
        return new KeyNode(org, key, 'active', `${org.id}/${key.id}`);
      },
      sessions: async () =>
        (await auth.getSessions()).map((x) => ({ id: x.id, label: x.account.label, tokenIs: (token: string) => x.accessToken === token })),
      logDir: this.context.logUri.fsPath,
      breakSecretStorage: () => this.secrets.break(),
      envIndex: { setMaxFiles: (max) => s.envFiles.setMaxFiles(max), readCount: () => s.envFiles.readCount(), isLoaded: () => s.envFiles.isLoaded, read: async () => (await s.envFiles.files()).length },
      journal: {
        stored: () => this.context.globalState.get<unknown>(JOURNAL_STATE_KEY),
        store: async (value) => this.context.globalState.update(JOURNAL_STATE_KEY, value),
        check: () => orphans.run(),
      },
      writeLeftovers: leftovers,
      forgetHeldSecret: () => s.session.clear(),
      keychain: {
        mappings: () => s.heldKeys.mappings(),
        secretIs: async (origin, keyId, value) => (await this.secrets.get(heldSecretKey(origin, keyId))) === value,
        secretStored: async (origin, keyId) => (await this.secrets.get(heldSecretKey(origin, keyId))) !== undefined,
        secretReads: () => s.heldKeys.secretReads,
        forget: async (origin, keyId) => {
          await s.heldKeys.forget({ origin, keyId });
        },
        hold: async (key, secret, variable) => {
          await s.heldKeys.hold(key, secret, variable);
        },
        resolveDebug: (config) => debug.resolve(config),
        resolveDebugAsNewWindow: async (config) => {
          const store = new HeldKeyStore(this.secrets, this.context.workspaceState, s.log);
          try {
            return { config: await new DebugEnvironment(store, s.log).resolve(config), reads: store.secretReads };
          } finally {
            store.dispose();
          }
        },
        terminalVariables: async () => Object.keys((await s.heldKeys.environment()).env).sort(),
        statusTooltip: () => statusBar.tooltip,
        scanForKeptSecrets: async (files) => {
          const needles: Array<{ value: string; label: string }> = [];
          for (const m of s.heldKeys.mappings()) {
            const value = await this.secrets.get(heldSecretKey(m.origin, m.keyId));
            if (value) needles.push({ value, label: `the secret kept for ${m.variable}` });
          }
          if (needles.length === 0) throw new Error('no secret is kept for this workspace: nothing to scan for');
          return scanFiles(files, needles);
        },
      },
    };
  }
}

import * as vscode from 'vscode';
import type { PublicApiKey } from './core/api/types';
import { ContextKeyValues } from './platform/contextKeys';
import { KeyJournal } from './keys/journal';
import { HeldKeyStore } from './keys/keychain';
import { HttpClients } from './connection/clients';
import { Log } from './platform/log';
import { SecretClipboard } from './platform/secretClipboard';
import { TokenStore } from './connection/tokenStore';
import { TokenHealth } from './connection/tokenHealth';
import { readHosts } from './platform/config';
import { SecretSession } from './keys/heldSecret';
import { RememberedState } from './keys/rememberedState';
import type { Ui } from './ui/ui';
import { VscodeUi } from './ui/vscodeUi';
import { EnvIndex } from './envFiles/envIndex';

/**
 * What VS Code must find registered from the extension's first moment, made by the entry
 * (src/extension.ts) before anything else runs: the rooms attach their providers to them.
 */
export interface Registrations {
  /** The API Keys view, answered by `provider` from now on. */
  treeView<T>(provider: vscode.TreeDataProvider<T>): vscode.TreeView<T>;
  /** The `vued` authentication provider (the Accounts menu), answered by `provider` from now on. */
  authenticationProvider(provider: vscode.AuthenticationProvider): void;
  /** The debug configuration provider for every debug type, answered by `provider` from now on. */
  debugConfigurationProvider(provider: vscode.DebugConfigurationProvider): void;
}

/** What the rooms share. Built once when the extension starts (src/features.ts). */
export interface Services {
  readonly context: vscode.ExtensionContext;
  /** Where the view, the Accounts provider and the debug provider are attached. */
  readonly registrations: Registrations;
  readonly log: Log;
  readonly tokens: TokenStore;
  readonly session: SecretSession;
  readonly state: RememberedState;
  /** Creates and rotations in flight, so a key whose secret was never saved is found at the next start. */
  readonly journal: KeyJournal;
  readonly ui: Ui;
  /** Makes API clients. */
  readonly http: HttpClients;
  /** Which host's token a server rejected since it was entered, and who each token belongs to. */
  readonly tokenHealth: TokenHealth;
  /** Copies secrets and clears them from the clipboard later; owns the pending clear. */
  readonly clipboard: SecretClipboard;
  /** Sets the extension's context keys and remembers their values (`when` clauses are checked against them). */
  readonly contextKeys: ContextKeyValues;
  /** Keys held in the keychain for this workspace's terminals and debug sessions. */
  readonly heldKeys: HeldKeyStore;
  /**
   * The workspace's `.env` files, listed and read once for the usage rows, Problems, rotation and
   * clean-up; nothing is read until one of them asks.
   */
  readonly envFiles: EnvIndex;
  /** Fired when a key was created in this window (metadata only), so views can show it at once. */
  readonly keyCreated: vscode.EventEmitter<{ origin: string; orgId: string; key: PublicApiKey }>;
}

/** What a test run puts in place of the real parts (see test/support/testApi.ts); nothing in production. */
export interface ServiceOverrides {
  readonly ui?: Ui;
  readonly secrets?: vscode.SecretStorage;
}

/** The services, each disposable one owned by `context.subscriptions`. */
export function createServices(context: vscode.ExtensionContext, registrations: Registrations, overrides: ServiceOverrides = {}): Services {
  const log = new Log();
  const tokenHealth = new TokenHealth(context.globalState);
  const s: Services = {
    context,
    registrations,
    log,
    tokenHealth,
    http: new HttpClients(log, tokenHealth),
    tokens: new TokenStore(overrides.secrets ?? context.secrets, context.globalState),
    heldKeys: new HeldKeyStore(overrides.secrets ?? context.secrets, context.workspaceState, log),
    session: new SecretSession(),
    state: new RememberedState(context.globalState, () => readHosts().hosts.find((h) => h.isDefault)?.origin),
    journal: new KeyJournal(context.globalState, vscode.env),
    ui: overrides.ui ?? new VscodeUi(),
    clipboard: new SecretClipboard(),
    contextKeys: new ContextKeyValues(),
    keyCreated: new vscode.EventEmitter<{ origin: string; orgId: string; key: PublicApiKey }>(),
    envFiles: new EnvIndex(log),
  };
  context.subscriptions.push(s.log, s.tokenHealth, s.tokens, s.heldKeys, s.session, s.keyCreated, s.clipboard, s.envFiles);
  return s;
}

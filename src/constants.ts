/** Every user-facing identifier in one place: command ids, view ids, context keys, settings, storage keys. */

export const EXTENSION_ID = 'vued.vued-api-keys';

export const Commands = {
  createApiKey: 'vued.createApiKey',
  setToken: 'vued.setToken',
  signOut: 'vued.signOut',
  insertSecretIntoEnv: 'vued.insertSecretIntoEnv',
  showLogs: 'vued.showLogs',
  /** The status bar item's quick pick of the main actions. */
  showActions: 'vued.showActions',
  /** The secret of the last created key, kept in the keychain for this workspace's terminals and debug sessions. */
  useInTerminals: 'vued.useInTerminals',
  /** A `.env` line's value moved into the keychain (the line removed). */
  keepInKeychain: 'vued.keepInKeychain',
  /** A transient terminal with the variables held for this workspace. */
  newTerminalWithKeys: 'vued.newTerminalWithKeys',
  /** Forget a held key (its secret and mapping), from its row, a variable's row or the palette. */
  forgetHeldKey: 'vued.forgetHeldKey',
  /** Opens vued.getTokenUrl, where a token is made (the walkthrough, the welcome view, the token box's button). */
  getToken: 'vued.getToken',
  /** Problems for the workspace's closed files: every `.env` file, and hard-coded secrets in what git would commit. */
  scanWorkspace: 'vued.scanWorkspace',
} as const;

/**
 * The workspace's `.env` files: `.env` and `.env.<anything>` in any folder (see isEnvFileName). The
 * one glob the listing, the watcher and the editor features use; package.json's activation event
 * `workspaceContains:` spells the same.
 */
export const ENV_FILE_GLOB = '**/{.env,.env.*}';

export const Settings = {
  section: 'vued',
  apiBaseUrl: 'apiBaseUrl',
  defaultOrganizationId: 'defaultOrganizationId',
  /** The earlier name of defaultOrganizationId, still read when the new one is not set. */
  defaultOrgId: 'defaultOrgId',
  /** Where Get a Token goes (application scope). */
  getTokenUrl: 'getTokenUrl',
  defaultScopes: 'defaultScopes',
  envVariableName: 'envVariableName',
  requestTimeoutSeconds: 'requestTimeoutSeconds',
  clearClipboardAfterSeconds: 'clearClipboardAfterSeconds',
  /** More API hosts beside apiBaseUrl (application scope). */
  hosts: 'hosts',
  /** Whether debug sessions get the variables held for the workspace. */
  injectDebug: 'inject.debug',
  /** Whether terminals get the variables held for the workspace. */
  injectTerminals: 'inject.terminals',
} as const;

export { DEFAULT_API_BASE_URL } from './core/connection/baseUrl';
/** Where Get a Token goes unless vued.getTokenUrl says otherwise (package.json holds the same default). */
export const DEFAULT_GET_TOKEN_URL = 'https://docs.vued.ai';
export const DEFAULT_KEY_NAME = 'Public API key';
export const DEFAULT_ENV_VARIABLE = 'VUED_API_KEY';

export const ContextKeys = {
  signedIn: 'vued.signedIn',
  hasOrganizations: 'vued.hasOrganizations',
  /** Set once a secret was inserted into a .env file in this window. */
  insertedSecret: 'vued.insertedSecret',
  /** The last sign-in of this window had its token checked by the server (the walkthrough's first step). */
  tokenChecked: 'vued.tokenChecked',
  /** A key was created in this window (the walkthrough's second step). */
  createdKey: 'vued.createdKey',
  /** A host's stored token was rejected by its server since it was entered: sign in again. */
  tokenRejected: 'vued.tokenRejected',
  /** This window holds the secret of a key it created (Insert Last Created Secret can run). */
  holdsSecret: 'vued.holdsSecret',
  /** The token comes from VUED_TOKEN: Set Access Token and Sign Out cannot change it. */
  tokenFromEnvironment: 'vued.tokenFromEnvironment',
  /** The API Keys view is filtered (Clear Filter shows in its title). */
  keyFilterActive: 'vued.keyFilterActive',
  /** This workspace holds keys for its terminals and debug sessions (New Terminal with Vued Keys, Forget). */
  hasHeldKeys: 'vued.hasHeldKeys',
} as const;

export const StateKeys = {
  /** globalState: organization ids only, most recent first. */
  recentOrgIds: 'vued.recentOrgIds',
  /** globalState: API origins that hold a token in SecretStorage (origins only, never tokens). */
  tokenOrigins: 'vued.tokenOrigins',
  /**
   * globalState: who each host's token belongs to, as its check read it, with the token's short
   * fingerprint (never the token), `{ [origin]: { fingerprint, name } }`.
   */
  tokenAccounts: 'vued.tokenAccounts',
  /** globalState: metadata of keys created from this VS Code (never secrets). */
  createdKeys: 'vued.createdKeys',
  /** globalState: organizations the user added to the sidebar (id and optional label). */
  addedOrgs: 'vued.addedOrganizations',
  /** globalState: organization ids the user removed from the sidebar. */
  hiddenOrgs: 'vued.hiddenOrganizations',
  /**
   * globalState: the recent, added and hidden organization ids of each host other than the default
   * one, `{ [origin]: { recent, added, hidden } }` (the default host keeps the three keys above).
   */
  hostOrganizations: 'vued.hostOrganizations',
  /** globalState: local labels of organizations the server gives no name, `{ [orgId]: label }`. */
  organizationLabels: 'vued.organizationLabels',
  /**
   * workspaceState: the variables this workspace's terminals and debug sessions get, each with the
   * host, organization, id, name and prefix of its key (never a secret; the secret is in SecretStorage).
   */
  heldKeys: 'vued.heldKeys',
} as const;

/** The `vued` authentication provider: Vued in VS Code's Accounts menu. */
export const AUTH_PROVIDER_ID = 'vued';
export const AUTH_PROVIDER_LABEL = 'Vued';
export { SESSION_SCOPE } from './core/auth/scope';

/** `VUED_TOKEN`, whose token wins over stored ones (Codespaces, CI), and the one rule reading it. */
export { ENV_TOKEN_VARIABLE, environmentToken } from './core/auth/environmentToken';

export const SecretKeys = {
  token: 'vued.accessToken',
} as const;

export const Views = {
  container: 'vued',
  apiKeys: 'vued.apiKeys',
} as const;

export const TreeCommands = {
  refreshKeys: 'vued.refreshKeys',
  addOrganization: 'vued.addOrganization',
  removeOrganization: 'vued.removeOrganization',
  createApiKeyInOrganization: 'vued.createApiKeyInOrganization',
  copyOrganizationId: 'vued.copyOrganizationId',
  copyKeyId: 'vued.copyKeyId',
  copyKeyPrefix: 'vued.copyKeyPrefix',
  revokeApiKey: 'vued.revokeApiKey',
  findKeyUsages: 'vued.findKeyUsages',
  rotateApiKey: 'vued.rotateApiKey',
  renameOrganization: 'vued.renameOrganization',
  filterKeys: 'vued.filterKeys',
  clearKeyFilter: 'vued.clearKeyFilter',
  /** The actions of a row that says why an organization's keys could not be read. */
  retryKeys: 'vued.retryKeys',
  signInAgain: 'vued.signInAgain',
  openApiSettings: 'vued.openApiSettings',
  /** Learn More on the row saying the server does not list keys. */
  learnAboutKeyLists: 'vued.learnAboutKeyLists',
} as const;

import * as vscode from 'vscode';
import { DEFAULT_API_BASE_URL, DEFAULT_ENV_VARIABLE, DEFAULT_GET_TOKEN_URL, Settings } from '../constants';
import { type ParsedHosts, parseHosts } from '../core/connection/hosts';

export interface VuedConfig {
  /** As the user set it (user settings only; see below). */
  apiBaseUrl: string;
  /** `vued.defaultOrganizationId`, or where only its earlier name is set, `vued.defaultOrgId`. */
  defaultOrgId: string;
  /** `vued.getTokenUrl` as the user set it (user settings only, like apiBaseUrl): where Get a Token goes. */
  getTokenUrl: string;
  defaultScopes: string[];
  envVariableName: string;
  requestTimeoutMs: number;
  /** 0 = never. */
  clearClipboardAfterMs: number;
  /** Debug sessions get the variables held for the workspace (`vued.inject.debug`). */
  injectDebug: boolean;
  /** Terminals get the variables held for the workspace (`vued.inject.terminals`). */
  injectTerminals: boolean;
}

/**
 * What was read since the `vued.*` settings last changed. Reading a setting goes through VS Code's
 * configuration model (each `get`/`inspect` merges the default, user, workspace and folder layers):
 * about a millisecond for the reads below, asked for by every row the tree draws and every request.
 * The settings change only with an event, so the values are kept until one affects `vued`. The
 * listener is registered when this module is loaded, before any other listener of the extension, so
 * a listener that reads the settings on a change reads the new values.
 */
let memo: { config?: VuedConfig; hosts?: ParsedHosts } = {};
vscode.workspace.onDidChangeConfiguration((e) => {
  if (e.affectsConfiguration(Settings.section)) {
    memo = {};
  }
});

/**
 * Reads the `vued.*` settings. `vued.apiBaseUrl` decides where the token is sent, so only the user's
 * own (global) value counts: it is `application`-scoped, and a workspace or folder value is ignored
 * here as well, so a cloned repository can never redirect the token.
 */
export function readConfig(): VuedConfig {
  return (memo.config ??= readConfigNow());
}

function readConfigNow(): VuedConfig {
  const c = vscode.workspace.getConfiguration(Settings.section);
  const base = c.inspect<string>(Settings.apiBaseUrl);
  const timeout = Number(c.get<number>(Settings.requestTimeoutSeconds, 30));
  const scopes = c.get<unknown>(Settings.defaultScopes, []);
  // Like the API's address, where Get a Token sends the user is the user's own choice, never a workspace's.
  const tokenPage = c.inspect<unknown>(Settings.getTokenUrl);
  return {
    apiBaseUrl: (base?.globalValue ?? base?.defaultValue ?? DEFAULT_API_BASE_URL).trim(),
    defaultOrgId: text(c.get<unknown>(Settings.defaultOrganizationId, '')) || text(c.get<unknown>(Settings.defaultOrgId, '')),
    getTokenUrl: text(tokenPage?.globalValue ?? tokenPage?.defaultValue ?? DEFAULT_GET_TOKEN_URL),
    defaultScopes: Array.isArray(scopes) ? scopes.filter((s): s is string => typeof s === 'string') : [],
    envVariableName: (c.get<string>(Settings.envVariableName, DEFAULT_ENV_VARIABLE) ?? DEFAULT_ENV_VARIABLE).trim() || DEFAULT_ENV_VARIABLE,
    clearClipboardAfterMs: clipboardSeconds(c.get<number>(Settings.clearClipboardAfterSeconds, 60)) * 1000,
    requestTimeoutMs: Math.round((Number.isFinite(timeout) && timeout > 0 ? Math.min(timeout, 600) : 30) * 1000),
    injectDebug: c.get<unknown>(Settings.injectDebug, true) !== false,
    injectTerminals: c.get<unknown>(Settings.injectTerminals, true) !== false,
  };
}

/**
 * The API hosts: `vued.apiBaseUrl` (the default host) and the entries of `vued.hosts`. Both decide
 * where a token is sent, so, like `vued.apiBaseUrl`, only the user's own value of `vued.hosts` counts.
 */
export function readHosts(): ParsedHosts {
  if (memo.hosts === undefined) {
    const hosts = vscode.workspace.getConfiguration(Settings.section).inspect<unknown>(Settings.hosts);
    memo.hosts = parseHosts(readConfig().apiBaseUrl, hosts?.globalValue ?? hosts?.defaultValue);
  }
  return memo.hosts;
}

export function affectsVuedConfig(e: vscode.ConfigurationChangeEvent, key?: string): boolean {
  return e.affectsConfiguration(key ? `${Settings.section}.${key}` : Settings.section);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

function clipboardSeconds(value: unknown): number {
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? Math.min(Math.round(n), 3600) : 60;
}

/**
 * The connection: which API the settings name (checked), which token goes with it, and a client for
 * the two. Commands ask through here; views and the status bar use the quiet form that asks nothing.
 */
import * as vscode from 'vscode';
import { checkBaseUrl } from './core/baseUrl';
import type { VuedClient } from './core/api/client';
import { readConfig } from './platform/config';
import type { Token } from './platform/tokenStore';
import type { Services } from './services';
import { BACK } from './ui/ui';
import { tokenProblem } from './core/validation';

/** The API the user configured, checked; undefined (after telling the user why) when it is refused. */
export interface Api {
  baseUrl: string;
  origin: string;
  host: string;
}

/** `vued.apiBaseUrl` checked: the API, or why it is refused. */
function configuredApi(): Api | { reason: string } {
  const check = checkBaseUrl(readConfig().apiBaseUrl);
  return check.ok ? { baseUrl: check.url, origin: check.origin, host: new URL(check.origin).host } : { reason: check.reason };
}

export async function currentApi(s: Services): Promise<Api | undefined> {
  const api = configuredApi();
  if (!('reason' in api)) {
    return api;
  }
  s.log.warn(`Refused vued.apiBaseUrl: ${api.reason}`);
  const open = vscode.l10n.t('Open Settings');
  if ((await s.ui.message('error', api.reason, {}, open)) === open) {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'vued.apiBaseUrl');
  }
  return undefined;
}

/** Asks for a token for `api` and stores it; undefined when the user cancels. */
export async function askForToken(s: Services, api: Api, reason?: string): Promise<string | undefined> {
  const value = await s.ui.input({
    title: vscode.l10n.t('Vued: Set Access Token'),
    prompt: reason ?? vscode.l10n.t('Vued access token for {0}. It is kept in VS Code\'s secret storage.', api.host),
    password: true,
    ignoreFocusOut: true,
    validate: (v) => tokenProblem(v),
  });
  if (value === undefined || value === BACK) {
    return undefined;
  }
  const token = value.trim();
  await s.tokens.store(api.origin, token);
  s.log.protect(token);
  s.log.info(`Access token stored for ${api.origin}.`);
  return token;
}

/** The token for `api`, asking for one when there is none yet. Undefined when the user cancels. */
export async function ensureToken(s: Services, api: Api): Promise<Token | undefined> {
  const existing = await s.tokens.get(api.origin);
  if (existing) {
    s.log.protect(existing.value);
    return existing;
  }
  const value = await askForToken(s, api, vscode.l10n.t('Enter your Vued access token for {0} to continue. It is kept in VS Code\'s secret storage.', api.host));
  return value ? { value, source: 'secretStorage' } : undefined;
}

/**
 * The API and token as they are now, without asking anything: for views and the status bar.
 * Undefined when the base URL is refused or no token is stored for its origin.
 */
export async function quietConnection(s: Services): Promise<{ api: Api; token: Token } | undefined> {
  const api = configuredApi();
  if ('reason' in api) {
    return undefined;
  }
  let token: Token | undefined;
  try {
    token = await s.tokens.get(api.origin);
  } catch (e) {
    s.log.warn(e instanceof Error ? e.message : String(e));
    return undefined;
  }
  if (!token) {
    return undefined;
  }
  s.log.protect(token.value);
  return { api, token };
}

/**
 * A client for the configured API with its token, asking for a token if there is none.
 * Undefined (after telling the user why) when the base URL is refused or the user cancels.
 */
export async function signedInClient(s: Services): Promise<VuedClient | undefined> {
  const api = await currentApi(s);
  const token = api && (await ensureToken(s, api));
  return api && token ? s.http.create(api.baseUrl, token.value) : undefined;
}

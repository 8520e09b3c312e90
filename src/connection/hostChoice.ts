/**
 * The connection: which API the settings name (checked), which token goes with it, and a client for
 * the two. Commands ask through here; views and the status bar use the quiet form that asks nothing.
 */
import * as vscode from 'vscode';
import { type Api, checkBaseUrl } from '../core/connection/baseUrl';
import type { Message } from '../core/common/messages';
import type { VuedClient } from '../core/api/client';
import { type ApiHost, hostOfOrigin } from '../core/connection/hosts';
import { readConfig, readHosts } from '../platform/config';
import { localize, problemText } from '../platform/l10n';
import type { TokenCheck } from '../core/auth/tokenCheck';
import { openGetTokenPage } from './getToken';
import { checkTokenFor, tokenStored } from './tokenEntry';
import type { Token } from './tokenStore';
import type { Services } from '../services';
import { BACK } from '../ui/ui';
import { tokenProblem } from '../core/api/token';

/** The API the user configured, checked; undefined (after telling the user why) when it is refused. */
export type { Api };

/** `vued.apiBaseUrl` checked: the API, or why it is refused. */
function configuredApi(): Api | { reason: string; text: Message } {
  const check = checkBaseUrl(readConfig().apiBaseUrl);
  return check.ok ? { baseUrl: check.url, origin: check.origin, host: new URL(check.origin).host } : { reason: check.reason, text: check.text };
}

export async function currentApi(s: Services): Promise<Api | undefined> {
  const api = configuredApi();
  if (!('reason' in api)) {
    return api;
  }
  s.log.warn(`Refused vued.apiBaseUrl: ${api.reason}`);
  const open = vscode.l10n.t('Open Settings');
  if ((await s.ui.message('error', localize(api.text), {}, open)) === open) {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'vued.apiBaseUrl');
  }
  return undefined;
}

/** A configured host as an Api. */
export function apiOfHost(host: ApiHost): Api {
  return { baseUrl: host.baseUrl, origin: host.origin, host: hostOfOrigin(host.origin) };
}

/**
 * The hosts a command can use now: the configured hosts (vued.apiBaseUrl first, then vued.hosts)
 * that hold a token. With VUED_TOKEN set only the default host counts: that token is the default
 * host's session and is never sent to another host.
 */
export async function signedInHosts(s: Services): Promise<ApiHost[]> {
  const { hosts } = readHosts();
  if (s.tokens.fromEnvironment()) {
    return hosts.filter((h) => h.isDefault);
  }
  const out: ApiHost[] = [];
  for (const h of hosts) {
    try {
      if (await s.tokens.get(h.origin)) {
        out.push(h);
      }
    } catch (e) {
      s.log.warn(e instanceof Error ? e.message : String(e));
    }
  }
  return out;
}

/**
 * The API a command acts on. With `origin` (the host of the tree node it starts from) that host, if
 * it is still configured; a token is never sent anywhere else. Without it: the one host that holds
 * a token, or, when several do, the one the user picks; with none, the default host (which then asks
 * for a token). Undefined (after saying why) when the user cancels or the host is not configured.
 */
export async function chooseApi(s: Services, origin?: string): Promise<Api | undefined> {
  if (origin !== undefined) {
    const host = readHosts().hosts.find((h) => h.origin === origin);
    if (!host || (s.tokens.fromEnvironment() && !host.isDefault)) {
      await s.ui.message('error', vscode.l10n.t('{0} is no longer one of the configured Vued hosts (vued.apiBaseUrl, vued.hosts), so nothing was sent to it.', hostOfOrigin(origin)), {});
      return undefined;
    }
    return apiOfHost(host);
  }
  const signedIn = await signedInHosts(s);
  if (signedIn.length === 1) {
    return apiOfHost(signedIn[0]);
  }
  if (signedIn.length > 1) {
    const picked = await s.ui.pick<ApiHost>({
      title: vscode.l10n.t('Vued: Which Host?'),
      placeholder: vscode.l10n.t('Choose the Vued API host to use'),
      items: signedIn.map((h) => ({ label: h.label, description: h.baseUrl, value: h })),
    });
    return picked === undefined || picked === BACK ? undefined : apiOfHost(picked);
  }
  return currentApi(s);
}

/**
 * Asks for a token for `api`, checks it while the box shows busy (core/auth/tokenCheck.ts), and
 * stores it unless the server rejected it: a rejected token keeps the box open with the reason and
 * the typed value, and is never stored. Says whether the stored token was checked, or why not.
 * The box has a Get a Token button. Undefined when the user cancels.
 */
export async function askForToken(s: Services, api: Api, reason?: string): Promise<string | undefined> {
  let check: TokenCheck | undefined;
  const value = await s.ui.input({
    title: vscode.l10n.t('Vued: Set Access Token'),
    prompt: reason ?? vscode.l10n.t('Vued access token for {0}. It is kept in VS Code\'s secret storage.', api.host),
    password: true,
    ignoreFocusOut: true,
    validate: (v) => problemText(tokenProblem(v)),
    buttons: [{ icon: 'link-external', tooltip: vscode.l10n.t('Get a Token'), run: () => openGetTokenPage(s) }],
    accept: async (typed, signal) => {
      const token = typed.trim();
      // Known to the log's redactor before anything is sent with it, stored or not.
      s.log.protect(token);
      check = await checkTokenFor(s, api, token, signal);
      return check.outcome === 'rejected' ? s.log.redact(localize(check.reason)) : undefined;
    },
  });
  if (value === undefined || value === BACK || check === undefined || check.outcome === 'rejected' || check.outcome === 'cancelled') {
    return undefined;
  }
  const token = value.trim();
  // Signing in again: what was learnt about the host's earlier token (rejected, whose it was) goes.
  s.tokenHealth.forget(api.origin);
  await s.tokenHealth.setAccount(api.origin, token, check.outcome === 'checked' ? check.account : undefined);
  await s.tokens.store(api.origin, token);
  s.log.info(`Access token stored for ${api.origin}.`);
  await tokenStored(s, api, check);
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
 * A client for the API chooseApi picks (the node's host when `origin` is given) with its token,
 * asking for a token if there is none.
 * Undefined (after telling the user why) when the base URL is refused or the user cancels.
 */
export async function signedInClient(s: Services, origin?: string): Promise<VuedClient | undefined> {
  const api = await chooseApi(s, origin);
  const token = api && (await ensureToken(s, api));
  return api && token ? s.http.create(api.baseUrl, token.value) : undefined;
}

/**
 * The sign-in room: the `vued` authentication provider registered with VS Code, on the token store.
 * Signing in from the Accounts menu, Set Access Token and Sign Out all go through it, and whatever
 * changes a token (this window, another window through SecretStorage, the host settings) ends in
 * its onDidChangeSessions. Registering reads nothing from the network.
 */
import * as vscode from 'vscode';
import { apiOfHost, askForToken, currentApi } from '../connection';
import type { ApiHost } from '../core/hosts';
import { affectsVuedConfig, readHosts } from '../platform/config';
import type { Services } from '../services';
import { BACK } from '../ui/ui';
import { registerAuthentication, tokenStoreSource, type VuedAuthenticationProvider } from './vuedAuthenticationProvider';

/**
 * Asks which host to sign in to (only when `vued.hosts` adds any), then for its token with the
 * masked, validated input box of Set Access Token. The origin the token was stored for, or
 * undefined when the user cancelled.
 */
async function signInFlow(s: Services): Promise<string | undefined> {
  const { hosts } = readHosts();
  let host: ApiHost | undefined = hosts.length === 1 ? hosts[0] : undefined;
  if (hosts.length > 1) {
    const picked = await s.ui.pick<ApiHost>({
      title: vscode.l10n.t('Vued: Set Access Token'),
      placeholder: vscode.l10n.t('Choose the Vued API host to sign in to'),
      items: hosts.map((h) => ({ label: h.label, description: h.baseUrl, value: h })),
    });
    if (picked === undefined || picked === BACK) {
      return undefined;
    }
    host = picked;
  }
  // No host passes the checks: currentApi says why (and offers the settings).
  const api = host ? apiOfHost(host) : await currentApi(s);
  if (!api) {
    return undefined;
  }
  return (await askForToken(s, api)) === undefined ? undefined : api.origin;
}

/** Registers the provider; it and its registration belong to `context.subscriptions`. */
export function registerSignIn(context: vscode.ExtensionContext, s: Services): VuedAuthenticationProvider {
  const configuredOrigins = () => readHosts().hosts.map((h) => h.origin);
  const auth = registerAuthentication(context, {
    tokens: tokenStoreSource(s.tokens, configuredOrigins),
    defaultOrigin: () => readHosts().hosts.find((h) => h.isDefault)?.origin,
    signIn: () => signInFlow(s),
  });
  context.subscriptions.push(
    // Another host list or default host is another set of sessions (and the host VUED_TOKEN is shown for).
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affectsVuedConfig(e, 'apiBaseUrl') || affectsVuedConfig(e, 'hosts')) {
        auth.refresh().catch((err: unknown) => s.log.warn(`Reading the Vued sessions again failed: ${err instanceof Error ? err.message : String(err)}`));
      }
    }),
    // Signing out of a host (here, in the Accounts menu or in another window) drops the secret this window holds.
    auth.onDidChangeSessions((e) => {
      if ((e.removed?.length ?? 0) > 0) {
        s.session.clear();
      }
    }),
  );
  return auth;
}

/**
 * The sign-in room: the `vued` authentication provider registered with VS Code, on the token store.
 * Signing in from the Accounts menu, Set Access Token and Sign Out all go through it, and whatever
 * changes a token (this window, another window through SecretStorage, the host settings) ends in
 * its onDidChangeSessions. Registering reads nothing from the network.
 */
import * as vscode from 'vscode';
import { affectsVuedConfig, readHosts } from '../platform/config';
import type { Services } from '../services';
import { signInFlow } from './signInFlow';
import { parseSessionId } from '../core/auth/sessions';
import { registerAuthentication, tokenStoreSource, type VuedAuthenticationProvider } from './authenticationProvider';

/** Registers the provider; it and its registration belong to `context.subscriptions`. */
export function registerSignIn(context: vscode.ExtensionContext, s: Services): VuedAuthenticationProvider {
  const configuredOrigins = () => readHosts().hosts.map((h) => h.origin);
  const auth = registerAuthentication(context, s.registrations, {
    tokens: tokenStoreSource(s.tokens, configuredOrigins),
    defaultOrigin: () => readHosts().hosts.find((h) => h.isDefault)?.origin,
    signIn: () => signInFlow(s),
    accountName: (origin, fingerprint) => s.tokenHealth.accountName(origin, fingerprint),
    rejected: (origin, token) => s.tokenHealth.isRejected(origin, token),
  });
  context.subscriptions.push(
    // A token the server rejected leaves the Accounts menu (which then asks to sign in again), and comes back once it works.
    s.tokenHealth.onDidChange(() => {
      auth.refresh().catch((err: unknown) => s.log.warn(`Reading the Vued sessions again failed: ${err instanceof Error ? err.message : String(err)}`));
    }),
    // Another host list or default host is another set of sessions (and the host VUED_TOKEN is shown for).
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affectsVuedConfig(e, 'apiBaseUrl') || affectsVuedConfig(e, 'hosts')) {
        auth.refresh().catch((err: unknown) => s.log.warn(`Reading the Vued sessions again failed: ${err instanceof Error ? err.message : String(err)}`));
      }
    }),
    // Signing out of a host (here, in the Accounts menu or in another window) drops the secret this
    // window holds; a session that left only because its token was rejected does not.
    auth.onDidChangeSessions(async (e) => {
      for (const gone of e.removed ?? []) {
        const { origin } = parseSessionId(gone.id);
        const stillStored = await s.tokens.get(origin).then((t) => t !== undefined, () => false);
        if (!stillStored) {
          s.session.clear();
          return;
        }
      }
    }),
  );
  return auth;
}

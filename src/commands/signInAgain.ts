import * as vscode from 'vscode';
import type { VuedAuthenticationProvider } from '../auth/authenticationProvider';
import { apiOfHost, askForToken } from '../connection/hostChoice';
import { readHosts } from '../platform/config';
import type { Services } from '../services';
import type { ApiKeysTree } from '../views/apiKeysTree';
import { setTokenCommand } from './setToken';

/**
 * `vued.signInAgain`, on a row saying a host refused its token: asks for a new token for that host
 * (not a retry with the one it refused), then reads the host's lists again. With the token from
 * VUED_TOKEN, or a host no longer configured, it is Set Access Token (which says why, or asks which host).
 */
export async function signInAgainCommand(s: Services, auth: VuedAuthenticationProvider, tree: ApiKeysTree, origin?: string): Promise<void> {
  const host = readHosts().hosts.find((h) => h.origin === origin);
  if (!host || s.tokens.fromEnvironment()) {
    await setTokenCommand(s, auth);
    return;
  }
  const api = apiOfHost(host);
  const token = await askForToken(s, api, vscode.l10n.t('Vued rejected the access token for {0}. Paste a new one; it is kept in VS Code\'s secret storage.', api.host));
  if (token !== undefined) {
    tree.reloadHost(host.origin);
  }
}

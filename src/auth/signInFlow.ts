/**
 * Signing in from the Accounts menu: the questions the `vued` authentication provider asks
 * (auth/signIn.ts registers it).
 */
import * as vscode from 'vscode';
import { apiOfHost, askForToken, currentApi } from '../connection/hostChoice';
import { type ApiHost } from '../core/connection/hosts';
import { readHosts } from '../platform/config';
import type { Services } from '../services';
import { BACK } from '../ui/ui';

/**
 * Asks which host to sign in to (only when `vued.hosts` adds any), then for its token with the
 * masked, validated input box of Set Access Token. The origin the token was stored for, or
 * undefined when the user cancelled.
 */
export async function signInFlow(s: Services): Promise<string | undefined> {
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

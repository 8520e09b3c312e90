/**
 * A token as it is entered (Set Access Token, the Accounts menu, the prompt inside a command):
 * checked with one read that needs it and changes nothing before it is stored, and the outcome
 * said in plain words. core/auth/tokenCheck.ts decides what an answer means.
 */
import * as vscode from 'vscode';
import { ContextKeys } from '../constants';
import { checkToken, type TokenCheck } from '../core/auth/tokenCheck';
import { cleanDisplayName } from '../core/common/text';
import { readConfig, readHosts } from '../platform/config';
import { localize } from '../platform/l10n';
import type { Services } from '../services';
import type { Api } from '../core/connection/baseUrl';

/**
 * The organization whose key list checks a token where the server does not list organizations:
 * vued.defaultOrganizationId for the default host, else the one last used on that host.
 */
function organizationToCheckWith(s: Services, api: Api): string | undefined {
  const isDefault = readHosts().hosts.find((h) => h.isDefault)?.origin === api.origin;
  const configured = isDefault ? readConfig().defaultOrgId : '';
  return configured !== '' ? configured : s.state.recentOrgIds(api.origin)[0];
}

/** Checks `token` against `api` (its answers say nothing about the host's stored token). */
export async function checkTokenFor(s: Services, api: Api, token: string, signal?: AbortSignal): Promise<TokenCheck> {
  const client = s.http.create(api.baseUrl, token, { checking: true });
  const check = await checkToken(
    { organizations: (sig) => client.checkWithOrganizations(sig), keys: (orgId, sig) => client.checkWithKeys(orgId, sig) },
    api.host,
    organizationToCheckWith(s, api),
    signal,
  );
  s.log.info(`Token check for ${api.origin}: ${check.outcome}${check.outcome === 'checked' ? ` (read ${check.via === 'organizations' ? 'GET /orgs' : 'an organization\'s keys'})` : ''}.`);
  return check;
}

/**
 * After a token was stored: the walkthrough's "checked sign-in" context key, and one notification
 * saying whether the token was checked (and as whom), or why it was not. It does not wait for the
 * notification, so the Accounts menu's sign-in ends at once.
 */
export async function tokenStored(s: Services, api: Api, check: TokenCheck): Promise<void> {
  await s.contextKeys.set(ContextKeys.tokenChecked, check.outcome === 'checked');
  if (check.outcome === 'checked') {
    const account = cleanDisplayName(check.account);
    const text = account
      ? vscode.l10n.t('Signed in to {0} as {1}: the token was checked and works.', api.host, account)
      : vscode.l10n.t('Signed in to {0}: the token was checked and works.', api.host);
    void s.ui.message('info', s.log.redact(text), {});
  } else if (check.outcome === 'unchecked') {
    void s.ui.message('warning', s.log.redact(vscode.l10n.t('Saved the access token for {0}, but it was not checked: {1}', api.host, localize(check.reason))), {});
  }
}

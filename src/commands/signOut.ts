import { ENV_TOKEN_VARIABLE } from '../constants';
import * as vscode from 'vscode';
import type { VuedAuthenticationProvider } from '../auth/authenticationProvider';
import { chooseApi } from '../connection/hostChoice';
import { hostOfOrigin } from '../core/connection/hosts';
import { parseSessionId, sessionIdFor } from '../core/auth/sessions';
import type { Services } from '../services';
import { showError } from '../ui/showError';
import { offerToForgetHostKeys } from './forgetHeldKey';

/**
 * `vued.signOut`: removes one host's session through the `vued` authentication provider (the host
 * commands use; which one is asked when several hold a token), and, if asked, every other host's.
 * The held secret goes with it (the sign-in room drops it on every removed session).
 */
export async function signOutCommand(s: Services, auth: VuedAuthenticationProvider): Promise<void> {
  try {
    if (s.tokens.fromEnvironment()) {
      await s.ui.message('info', vscode.l10n.t('The access token comes from the {0} environment variable, so signing out cannot remove it. Unset the variable and restart VS Code.', ENV_TOKEN_VARIABLE), {});
      return;
    }
    const api = await chooseApi(s);
    if (!api) {
      return;
    }
    await auth.removeSession(sessionIdFor(api.origin, 'secretStorage'));
    s.session.clear();
    s.log.info(`Signed out of ${api.origin}.`);
    // Keys kept in the keychain for this workspace work without the token: they go only if the user says so.
    await offerToForgetHostKeys(s, [api.origin]);
    const others = (await auth.getSessions()).filter((x) => parseSessionId(x.id).source === 'secretStorage');
    if (others.length > 0) {
      const all = vscode.l10n.t('Sign Out Everywhere');
      const stillStored = others.length === 1
        ? vscode.l10n.t('Signed out of {0}. The token for 1 other host is still stored.', api.host)
        : vscode.l10n.t('Signed out of {0}. Tokens for {1} other hosts are still stored.', api.host, others.length);
      const choice = await s.ui.message('info', stillStored, {}, all);
      if (choice === all) {
        for (const other of others) {
          await auth.removeSession(other.id);
          s.log.info(`Signed out of ${hostOfOrigin(parseSessionId(other.id).origin)}.`);
        }
        await s.tokens.deleteAll();
        s.log.info('Signed out of every host.');
        await offerToForgetHostKeys(s, others.map((x) => parseSessionId(x.id).origin));
        void s.ui.message('info', vscode.l10n.t('Signed out of every Vued host.'), {});
      }
    } else {
      void s.ui.message('info', vscode.l10n.t('Signed out of {0}.', api.host), {});
    }
  } catch (e) {
    await showError(s, vscode.l10n.t('Signing out'), e);
  }
}

import * as vscode from 'vscode';
import { currentApi } from '../connection';
import { ENV_TOKEN_VARIABLE } from '../platform/tokenStore';
import type { Services } from '../services';
import { showError } from '../ui/showError';

/** `vued.signOut`: forgets the configured API's token (and, if asked, every host's) and the held secret. */
export async function signOutCommand(s: Services): Promise<void> {
  try {
    const api = await currentApi(s);
    if (!api) {
      return;
    }
    if (s.tokens.fromEnvironment()) {
      await s.ui.message('info', vscode.l10n.t('The access token comes from the {0} environment variable, so signing out cannot remove it. Unset the variable and restart VS Code.', ENV_TOKEN_VARIABLE), {});
      return;
    }
    await s.tokens.delete(api.origin);
    s.session.clear();
    s.log.info(`Signed out of ${api.origin}.`);
    const others = s.tokens.otherOrigins(api.origin);
    if (others.length > 0) {
      const all = vscode.l10n.t('Sign Out Everywhere');
      const choice = await s.ui.message('info', vscode.l10n.t('Signed out of {0}. Tokens for {1} other host(s) are still stored.', api.host, others.length), {}, all);
      if (choice === all) {
        await s.tokens.deleteAll();
        s.log.info('Signed out of every host.');
        void s.ui.message('info', vscode.l10n.t('Signed out of every Vued host.'), {});
      }
    } else {
      void s.ui.message('info', vscode.l10n.t('Signed out of {0}.', api.host), {});
    }
  } catch (e) {
    await showError(s, vscode.l10n.t('Signing out'), e);
  }
}

import * as vscode from 'vscode';
import { askForToken, currentApi } from '../connection';
import { ENV_TOKEN_VARIABLE } from '../platform/tokenStore';
import type { Services } from '../services';
import { showError } from '../ui/showError';

/** `vued.setToken`: asks for the token of the configured API and keeps it in SecretStorage. */
export async function setTokenCommand(s: Services): Promise<void> {
  try {
    const api = await currentApi(s);
    if (!api) {
      return;
    }
    if (s.tokens.fromEnvironment()) {
      await s.ui.message('info', vscode.l10n.t('The access token comes from the {0} environment variable, so it cannot be changed here. Change or unset the variable and restart VS Code.', ENV_TOKEN_VARIABLE), {});
      return;
    }
    if (await askForToken(s, api)) {
      void s.ui.message('info', vscode.l10n.t('Access token saved for {0}.', api.host), {});
    }
  } catch (e) {
    await showError(s, vscode.l10n.t('Saving the access token'), e);
  }
}

import { ENV_TOKEN_VARIABLE } from '../constants';
import * as vscode from 'vscode';
import type { VuedAuthenticationProvider } from '../auth/authenticationProvider';
import { SIGN_IN_CANCELLED_NAME } from '../core/auth/sessionBook';
import type { Services } from '../services';
import { showError } from '../ui/showError';

/**
 * `vued.setToken`: signs in through the `vued` authentication provider, as the Accounts menu does
 * (which host, when there are several; then the masked token box). The token goes to SecretStorage only.
 */
export async function setTokenCommand(s: Services, auth: VuedAuthenticationProvider): Promise<void> {
  try {
    if (s.tokens.fromEnvironment()) {
      await s.ui.message('info', vscode.l10n.t('The access token comes from the {0} environment variable, so it cannot be changed here. Change or unset the variable and restart VS Code.', ENV_TOKEN_VARIABLE), {});
      return;
    }
    // The token box says itself whether the token was checked (connection/tokenEntry.ts).
    await auth.createSession([]);
  } catch (e) {
    if (e instanceof Error && e.name === SIGN_IN_CANCELLED_NAME) {
      return;
    }
    await showError(s, vscode.l10n.t('Saving the access token'), e);
  }
}

/**
 * Get a Token: opens the page where a Vued access token is made (vued.getTokenUrl, the Vued docs
 * unless the user set another page), from the walkthrough, the welcome view and the token box.
 */
import * as vscode from 'vscode';
import { DEFAULT_GET_TOKEN_URL, Settings } from '../constants';
import { checkPageUrl } from '../core/connection/baseUrl';
import { readConfig } from '../platform/config';
import { localize } from '../platform/l10n';
import type { Services } from '../services';

const SETTING = `${Settings.section}.${Settings.getTokenUrl}`;

/** Opens the Get a Token page in the browser; says why instead when the setting is not a page it may open. */
export async function openGetTokenPage(s: Pick<Services, 'log' | 'ui'>): Promise<void> {
  const page = checkPageUrl(readConfig().getTokenUrl, SETTING, DEFAULT_GET_TOKEN_URL);
  if (!page.ok) {
    s.log.warn(`Not opening ${SETTING} (where new access tokens are made), refused: ${page.reason}`);
    const open = vscode.l10n.t('Open Settings');
    if ((await s.ui.message('error', localize(page.text), {}, open)) === open) {
      await vscode.commands.executeCommand('workbench.action.openSettings', SETTING);
    }
    return;
  }
  // Worded without "token:", which the log's redactor takes for a secret that follows.
  s.log.info(`Opening the page where new access tokens are made, ${page.url}`);
  if (!(await vscode.env.openExternal(vscode.Uri.parse(page.url)))) {
    s.log.info('The page where new access tokens are made was not opened.');
  }
}

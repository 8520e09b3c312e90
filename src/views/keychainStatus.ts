/**
 * What the window shows of the keys held in the keychain for this workspace's terminals and debug
 * sessions: the `vued.hasHeldKeys` context key (the palette's New Terminal with Vued Keys and
 * Forget) and the status bar's sentence naming the variables. Reads workspace state only, never
 * SecretStorage: a secret is read on the first debug session or terminal that needs it.
 */
import * as vscode from 'vscode';
import { ContextKeys, Settings } from '../constants';
import { affectsVuedConfig, readConfig } from '../platform/config';
import type { Services } from '../services';
import type { VuedStatusBar } from './statusBar';

/** What the status bar's tooltip says about the variables held for this workspace ('' when none). */
export function heldSentence(variables: readonly string[]): string {
  if (variables.length === 0) {
    return '';
  }
  const names = variables.join(', ');
  if (!vscode.workspace.isTrusted) {
    return vscode.l10n.t('Kept in the keychain for this workspace: {0}. Nothing is injected until the workspace is trusted.', names);
  }
  const { injectDebug, injectTerminals } = readConfig();
  if (injectDebug && injectTerminals) {
    return vscode.l10n.t('Debug sessions and "New Terminal with Vued Keys" of this workspace get {0} from the keychain.', names);
  }
  if (injectDebug) {
    return vscode.l10n.t('Debug sessions of this workspace get {0} from the keychain (vued.inject.terminals is off).', names);
  }
  if (injectTerminals) {
    return vscode.l10n.t('"New Terminal with Vued Keys" gives {0} from the keychain (vued.inject.debug is off).', names);
  }
  return vscode.l10n.t('Kept in the keychain for this workspace: {0}. vued.inject.debug and vued.inject.terminals are off.', names);
}

export function registerHeldKeysStatus(context: vscode.ExtensionContext, s: Services, statusBar: VuedStatusBar): void {
  const update = (): void => {
    const variables = s.heldKeys.mappings().map((m) => m.variable);
    void s.contextKeys.set(ContextKeys.hasHeldKeys, variables.length > 0);
    statusBar.showHeld(heldSentence(variables));
  };
  update();
  context.subscriptions.push(
    s.heldKeys.onDidChange(update),
    vscode.workspace.onDidGrantWorkspaceTrust(update),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affectsVuedConfig(e, Settings.injectDebug) || affectsVuedConfig(e, Settings.injectTerminals)) {
        update();
      }
    }),
  );
}

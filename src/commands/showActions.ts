import * as vscode from 'vscode';
import { Commands, Views } from '../constants';
import type { Services } from '../services';
import type { SignInState } from '../auth/signInWatcher';

/** `vued.showActions`: the main actions in one quick pick (opened from the status bar). */
export async function showActionsCommand(s: Services, state: SignInState): Promise<void> {
  const actions: Array<{ label: string; command: string; detail?: string }> = [
    { label: vscode.l10n.t('$(add) Create API Key'), command: Commands.createApiKey },
    { label: vscode.l10n.t('$(list-tree) Browse Keys'), command: `${Views.apiKeys}.focus` },
  ];
  if (s.session.last) {
    actions.push({ label: vscode.l10n.t('$(insert) Insert Last Created Secret into .env File'), command: Commands.insertSecretIntoEnv });
  }
  if (s.heldKeys.mappings().length > 0 && vscode.workspace.isTrusted) {
    actions.push({ label: vscode.l10n.t('$(terminal) New Terminal with Vued Keys'), command: Commands.newTerminalWithKeys });
  }
  if (state.fromEnvironment) {
    actions.push({ label: vscode.l10n.t('$(key) Token from VUED_TOKEN'), command: Commands.setToken, detail: vscode.l10n.t('Set in the environment; it cannot be changed here.') });
  } else {
    actions.push({ label: vscode.l10n.t('$(key) Set Access Token'), command: Commands.setToken });
    if (state.signedIn) {
      actions.push({ label: vscode.l10n.t('$(sign-out) Sign Out'), command: Commands.signOut });
    }
  }
  actions.push({ label: vscode.l10n.t('$(output) Show Logs'), command: Commands.showLogs });
  const chosen = await s.ui.pick({
    title: state.signedIn ? vscode.l10n.t('Vued ({0})', state.host ?? '') : vscode.l10n.t('Vued (signed out)'),
    placeholder: vscode.l10n.t('Choose an action'),
    items: actions.map((a) => ({ label: a.label, detail: a.detail, value: a.command })),
  });
  if (typeof chosen === 'string') {
    await vscode.commands.executeCommand(chosen);
  }
}

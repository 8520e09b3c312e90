import * as vscode from 'vscode';
import type { Ui } from './ui';

/**
 * True in a trusted workspace. Otherwise says `why` (one sentence: what needs trust), offers
 * *Manage Workspace Trust*, and returns false: the caller stops, whatever the user chose.
 */
export async function workspaceTrusted(ui: Ui, why: string): Promise<boolean> {
  if (vscode.workspace.isTrusted) {
    return true;
  }
  const manage = vscode.l10n.t('Manage Workspace Trust');
  if ((await ui.message('warning', why, {}, manage)) === manage) {
    await vscode.commands.executeCommand('workbench.trust.manage');
  }
  return false;
}

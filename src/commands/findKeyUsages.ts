import * as vscode from 'vscode';
import { describeUsage } from '../core/dotenv/usages';
import { localize } from '../platform/l10n';
import type { EnvIndex, LocatedUsage } from '../envFiles/envIndex';
import type { Services } from '../services';
import { type KeyNode } from '../views/tree/keyNode';

/** `vued.findKeyUsages`: the .env files and variables that hold a key, as a quick pick that opens one. */
export async function findKeyUsagesCommand(s: Services, usage: EnvIndex, node?: KeyNode): Promise<LocatedUsage[]> {
  if (!node) {
    return [];
  }
  const usages = await usage.usagesOf([node.key]);
  if (usages.length === 0) {
    void s.ui.message('info', vscode.l10n.t('No .env file in this workspace holds "{0}" ({1}…).', node.key.name, node.key.keyPrefix), {});
    return [];
  }
  const chosen = await s.ui.pick({
    title: vscode.l10n.t('Where "{0}" is used', node.key.name),
    placeholder: vscode.l10n.t('{0} place(s) hold this key; choose one to open it', usages.length),
    items: usages.map((u) => ({ label: describeUsage(u, localize), description: vscode.l10n.t('line {0}', u.line + 1), value: u })),
  });
  if (chosen && typeof chosen === 'object') {
    await vscode.window.showTextDocument(chosen.uri, { selection: new vscode.Range(chosen.line, 0, chosen.line, 0), preview: true });
  }
  return usages;
}

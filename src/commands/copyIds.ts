import * as vscode from 'vscode';
import { type KeyNode } from '../views/tree/keyNode';
import { type OrgNode } from '../views/tree/organizationNode';

/**
 * `vued.copyOrganizationId`, `vued.copyKeyId`, `vued.copyKeyPrefix`: three one-line commands of the
 * tree's context menu that copy a public identifier (never a secret), kept together.
 */
async function copyText(text: string, what: string): Promise<void> {
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Copied {0}.', what), 3000);
}

export function copyOrganizationIdCommand(node?: OrgNode): Promise<void> | undefined {
  return node ? copyText(node.org.id, vscode.l10n.t('the organization ID')) : undefined;
}

export function copyKeyIdCommand(node?: KeyNode): Promise<void> | undefined {
  return node ? copyText(node.key.id, vscode.l10n.t('the key ID')) : undefined;
}

export function copyKeyPrefixCommand(node?: KeyNode): Promise<void> | undefined {
  return node ? copyText(node.key.keyPrefix, vscode.l10n.t('the key prefix')) : undefined;
}

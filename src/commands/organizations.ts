import * as vscode from 'vscode';
import { normalizeOrgId, validateOrgId } from '../core/validation';
import { Services } from '../services';
import { BACK } from '../ui/ui';
import { ApiKeysTree, KeyNode, OrgNode } from '../views/apiKeysTree';

const ADD_TITLE = vscode.l10n.t('Vued: Add Organization');

/** `vued.addOrganization`: a validated UUID and an optional label, kept locally. */
export async function addOrganizationCommand(s: Services, tree: ApiKeysTree): Promise<string | undefined> {
  let id: string | undefined;
  for (;;) {
    const typed = await s.ui.input({
      title: ADD_TITLE, step: 1, totalSteps: 2,
      prompt: vscode.l10n.t('Organization ID (a UUID)'),
      placeholder: '123e4567-e89b-12d3-a456-426614174000',
      value: id ?? '',
      validate: validateOrgId,
    });
    if (typed === undefined || typed === BACK) {
      return undefined;
    }
    id = normalizeOrgId(typed);
    const label = await s.ui.input({
      title: ADD_TITLE, step: 2, totalSteps: 2, back: true,
      prompt: vscode.l10n.t('A label for it in the sidebar (optional)'),
      // eslint-disable-next-line no-control-regex
      validate: (v) => (v.length > 80 ? vscode.l10n.t('At most 80 characters.') : /[\u0000-\u001f\u007f]/.test(v) ? vscode.l10n.t('No control characters.') : undefined),
    });
    if (label === undefined) {
      return undefined;
    }
    if (label === BACK) {
      continue;
    }
    await s.state.addOrg({ id, name: label.trim() || undefined });
    s.log.info(`Added organization ${id} to the sidebar.`);
    tree.refresh();
    return id;
  }
}

/** `vued.removeOrganization`: forgets it locally; nothing is sent to the server. */
export async function removeOrganizationCommand(s: Services, tree: ApiKeysTree, node?: OrgNode): Promise<void> {
  if (!(node instanceof OrgNode)) {
    return;
  }
  await s.state.removeOrg(node.org.id);
  s.log.info(`Removed organization ${node.org.id} from the sidebar.`);
  tree.refresh();
}

export async function copyText(text: string, what: string): Promise<void> {
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Copied {0}.', what), 3000);
}

export function copyOrganizationIdCommand(node?: OrgNode): Promise<void> | undefined {
  return node instanceof OrgNode ? copyText(node.org.id, vscode.l10n.t('the organization ID')) : undefined;
}

export function copyKeyIdCommand(node?: KeyNode): Promise<void> | undefined {
  return node instanceof KeyNode ? copyText(node.key.id, vscode.l10n.t('the key ID')) : undefined;
}

export function copyKeyPrefixCommand(node?: KeyNode): Promise<void> | undefined {
  return node instanceof KeyNode ? copyText(node.key.keyPrefix, vscode.l10n.t('the key prefix')) : undefined;
}

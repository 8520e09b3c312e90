import * as vscode from 'vscode';
import { organizationLabelProblem } from '../core/keys/organizationLabels';
import { shortenId } from '../core/common/text';
import { problemText } from '../platform/l10n';
import { type Services } from '../services';
import { BACK } from '../ui/ui';
import { type ApiKeysTree } from '../views/apiKeysTree';
import { type OrgNode } from '../views/tree/organizationNode';

/**
 * `vued.renameOrganization`: a local label for an organization the server gives no name, kept with
 * what this VS Code remembers (an id and a label, nothing secret) and shown as
 * `label (0b6c1d2e…1c2d)`. An empty label removes it. Returns the label stored ('' when removed),
 * or undefined when cancelled.
 */
export async function renameOrganizationCommand(s: Services, tree: ApiKeysTree, node?: OrgNode): Promise<string | undefined> {
  if (!node || node.serverName !== undefined) {
    return undefined;
  }
  const current = s.state.organizationLabel(node.org.id, node.origin) ?? '';
  const typed = await s.ui.input({
    title: vscode.l10n.t('Vued: Rename Organization'),
    prompt: vscode.l10n.t('A label for {0}, shown in this VS Code only. Leave it empty to show the ID alone.', shortenId(node.org.id)),
    value: current,
    validate: (v) => problemText(organizationLabelProblem(v)),
  });
  if (typed === undefined || typed === BACK) {
    return undefined;
  }
  await s.state.setOrganizationLabel(node.org.id, typed);
  tree.labelsChanged();
  s.log.info(`Renamed organization ${node.org.id} in the sidebar.`);
  return typed.trim();
}

import type { Services } from '../services';
import { type ApiKeysTree } from '../views/apiKeysTree';
import { type OrgNode } from '../views/tree/organizationNode';

/** `vued.removeOrganization`: forgets it locally; nothing is sent to the server. */
export async function removeOrganizationCommand(s: Services, tree: ApiKeysTree, node?: OrgNode): Promise<void> {
  if (!node) {
    return;
  }
  await s.state.removeOrg(node.org.id, node.origin);
  s.log.info(`Removed organization ${node.org.id} from the sidebar.`);
  tree.refresh();
}

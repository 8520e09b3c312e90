import type { HeldVariableNode } from './heldVariableNode';
import type { HostNode } from './hostNode';
import type { InactiveGroupNode } from './inactiveGroupNode';
import type { KeyNode } from './keyNode';
import type { MessageNode } from './messageNode';
import type { OrgNode } from './organizationNode';
import type { UsageNode } from './usageNode';

/** Every kind of row of the API Keys view. */
export type TreeNode = HostNode | OrgNode | InactiveGroupNode | KeyNode | UsageNode | HeldVariableNode | MessageNode;

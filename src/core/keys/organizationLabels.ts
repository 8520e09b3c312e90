/**
 * What the sidebar calls an organization: the server's name, else the local label given with Rename
 * Organization… (`label (0b6c1d2e…1c2d)`), else the shortened id; and the labels as kept in
 * globalState. Pure, no VS Code.
 */
import { type Message, msg } from '../common/messages';
import { cleanDisplayName, hasControlChars, shortenId } from '../common/text';

export const MAX_ORGANIZATION_LABEL_LENGTH = 60;

/** The problem with a label typed in Rename Organization…, or undefined (an empty label removes it). */
export function organizationLabelProblem(label: string): Message | undefined {
  if (hasControlChars(label)) {
    return msg('validation.labelControl');
  }
  if (label.trim().length > MAX_ORGANIZATION_LABEL_LENGTH) {
    return msg('validation.labelTooLong', MAX_ORGANIZATION_LABEL_LENGTH);
  }
  return undefined;
}

/**
 * How an organization is shown: the server's name when it gives one; otherwise the local label
 * as `label (0b6c1d2e…1c2d)`; otherwise the shortened id.
 */
export function organizationDisplayLabel(orgId: string, serverName?: string, localLabel?: string): string {
  const name = cleanDisplayName(serverName);
  if (name !== undefined) {
    return name;
  }
  const local = cleanDisplayName(localLabel);
  return local === undefined ? shortenId(orgId) : `${local} (${shortenId(orgId)})`;
}

/**
 * Local organization labels as kept in globalState: `{ [orgId]: label }`. Anything else in the
 * stored value (another type, empty labels) is dropped, so a damaged entry never breaks the view.
 */
export function readOrganizationLabels(raw: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return out;
  }
  for (const [id, label] of Object.entries(raw as Record<string, unknown>)) {
    const clean = typeof label === 'string' ? cleanDisplayName(label) : undefined;
    const key = id.trim().toLowerCase();
    if (key !== '' && clean !== undefined) {
      out.set(key, clean);
    }
  }
  return out;
}

/** The stored value after setting (or, with an empty label, removing) one organization's label. */
export function withOrganizationLabel(raw: unknown, orgId: string, label: string): Record<string, string> {
  const labels = readOrganizationLabels(raw);
  const key = orgId.trim().toLowerCase();
  const clean = cleanDisplayName(label);
  if (clean === undefined) {
    labels.delete(key);
  } else {
    labels.set(key, clean);
  }
  return Object.fromEntries(labels);
}


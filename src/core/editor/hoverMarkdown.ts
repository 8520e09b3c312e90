/**
 * The hover of a secret in a `.env` file that belongs to a known key (or to no known key): Markdown
 * built from the cached key list only. It names the key and the variable (or the line), never the value.
 */
import { escapeMarkdown } from '../keys/status';
import { shortenId } from '../common/text';
import { english, type Message, msg, type Render } from '../common/messages';
import { formatDate } from '../common/timestamps';
import type { EnvKeyFinding } from './envFindings';

/** The command ids the hover links to; each receives one argument `{ keyId, orgId }`. */
export interface HoverCommands {
  revealInSidebar: string;
  rotate: string;
  copyKeyId: string;
}

export interface HoverOptions {
  utc?: boolean;
}

/** `command:` link with its arguments encoded as VS Code expects (a JSON array, URI-encoded). */
export function commandLink(label: string, commandId: string, args: readonly unknown[]): string {
  return `[${escapeMarkdown(label)}](command:${commandId}?${encodeURIComponent(JSON.stringify(args))})`;
}

/**
 * Markdown for a finding: name, organization, scopes, status, created and last-used dates, and links
 * to Reveal in Sidebar / Rotate / Copy Key ID (Rotate left out for a revoked key). The glue must
 * mark it trusted for exactly these command ids (`isTrusted: { enabledCommands: [...] }`).
 */
export function keyHoverMarkdown(finding: EnvKeyFinding, commands: HoverCommands, options: HoverOptions = {}, render: Render = english): string {
  if (finding.kind === 'unknownSecret' || !finding.key) {
    const title = finding.variable !== undefined ? msg('hover.unknownTitle', finding.variable) : msg('hover.unknownTitleOnLine', finding.line);
    return [render(title), '', render(msg('hover.unknownBody'))].join('\n');
  }
  const { key, orgId, orgName } = finding.key;
  const org = orgName ?? shortenId(orgId);
  const rows: Array<[Message, string]> = [
    [msg('hover.organization'), escapeMarkdown(org)],
    [msg('keys.rowStatus'), render(finding.statusMessage)],
    [msg('keys.rowScopes'), key.scopes.length ? key.scopes.map((s) => `\`${s.replace(/`/g, '')}\``).join(' ') : render(msg('keys.none'))],
    [msg('keys.rowCreated'), formatDate(key.createdAt, { utc: options.utc, empty: '—' })],
    [msg('keys.rowLastUsed'), formatDate(key.lastUsedAt, { utc: options.utc, empty: render(msg('keys.never')) })],
  ];
  const args = [{ keyId: key.id, orgId }];
  const links = [commandLink(render(msg('hover.revealInSidebar')), commands.revealInSidebar, args)];
  if (finding.status !== 'revoked') {
    links.push(commandLink(render(msg('hover.rotate')), commands.rotate, args));
  }
  links.push(commandLink(render(msg('hover.copyKeyId')), commands.copyKeyId, args));
  return [
    render(finding.variable !== undefined ? msg('hover.title', escapeMarkdown(key.name), finding.variable) : msg('hover.titleOnLine', escapeMarkdown(key.name), finding.line)),
    '',
    ...rows.map(([k, v]) => `${render(k)}: ${v}  `),
    '',
    links.join(' · '),
  ].join('\n');
}

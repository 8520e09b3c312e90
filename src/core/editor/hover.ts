/**
 * The hover of a `.env` value that holds a known key (or a secret of no known key): Markdown built
 * from the cached key list only. It names the key, never the value.
 */
import { escapeMarkdown, organizationLabel } from '../keys';
import { english, type Message, msg, type Render } from '../messages';
import { formatDate } from '../timestamps';
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
    return [render(msg('hover.unknownTitle', finding.variable)), '', render(msg('hover.unknownBody'))].join('\n');
  }
  const { key, orgId, orgName } = finding.key;
  const org = organizationLabel({ id: orgId, name: orgName });
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
    render(msg('hover.title', escapeMarkdown(key.name), finding.variable)),
    '',
    ...rows.map(([k, v]) => `${render(k)}: ${v}  `),
    '',
    links.join(' · '),
  ].join('\n');
}

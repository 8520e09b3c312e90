/**
 * The hover of a `.env` value that holds a known key (or a secret of no known key): Markdown built
 * from the cached key list only. It names the key, never the value.
 */
import { escapeMarkdown, organizationLabel } from '../keys';
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
export function keyHoverMarkdown(finding: EnvKeyFinding, commands: HoverCommands, options: HoverOptions = {}): string {
  if (finding.kind === 'unknownSecret' || !finding.key) {
    return [
      `**Vued secret** in \`${finding.variable}\``,
      '',
      'Not a key of your organizations, or created elsewhere.',
    ].join('\n');
  }
  const { key, orgId, orgName } = finding.key;
  const org = organizationLabel({ id: orgId, name: orgName });
  const rows: Array<[string, string]> = [
    ['Organization', escapeMarkdown(org)],
    ['Status', finding.statusText],
    ['Scopes', key.scopes.length ? key.scopes.map((s) => `\`${s.replace(/`/g, '')}\``).join(' ') : 'none'],
    ['Created', formatDate(key.createdAt, { utc: options.utc, empty: '—' })],
    ['Last used', formatDate(key.lastUsedAt, { utc: options.utc, empty: 'never' })],
  ];
  const args = [{ keyId: key.id, orgId }];
  const links = [commandLink('Reveal in Sidebar', commands.revealInSidebar, args)];
  if (finding.status !== 'revoked') {
    links.push(commandLink('Rotate', commands.rotate, args));
  }
  links.push(commandLink('Copy Key ID', commands.copyKeyId, args));
  return [
    `**${escapeMarkdown(key.name)}** · Vued API key in \`${finding.variable}\``,
    '',
    ...rows.map(([k, v]) => `${k}: ${v}  `),
    '',
    links.join(' · '),
  ].join('\n');
}

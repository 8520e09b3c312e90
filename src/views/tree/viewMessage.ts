import * as vscode from 'vscode';
import { LIST_ACTIONS, readAgo } from '../../core/keys/listFailure';
import { localize } from '../../platform/l10n';
import type { ListFailure } from './loadedKeys';
import { MessageNode } from './messageNode';
import type { OrgNode } from './organizationNode';

/** "Actions: Retry, Show Logs." — what a failure row's buttons and context menu offer, for a screen reader. */
function actionsSentence(failure: ListFailure): string {
  const names = LIST_ACTIONS[failure.kind].map((a) =>
    a === 'signIn' ? vscode.l10n.t('Sign In Again') : a === 'retry' ? vscode.l10n.t('Retry') : a === 'settings' ? vscode.l10n.t('Open Settings') : vscode.l10n.t('Show Logs'),
  );
  return vscode.l10n.t('Actions: {0}.', names.join(', '));
}

/** The first row of an organization whose keys could not be read: why, when the keys shown were read, and what to do. */
export function failureRow(org: OrgNode, label: string, failure: ListFailure, readAt: number | undefined): MessageNode {
  const ago = readAt === undefined ? undefined : localize(readAgo(readAt, Date.now()));
  const said = vscode.l10n.t('Could not read the keys of {0}: {1}', label, failure.text);
  const full = ago === undefined ? said : `${said} ${vscode.l10n.t('The keys below were {0}.', ago)}`;
  return new MessageNode(org, org.origin, failure.text, 'error', { description: ago, tooltip: full, spoken: `${full} ${actionsSentence(failure)}`, tokens: [failure.kind, ...LIST_ACTIONS[failure.kind]] });
}

/** The one row of a host whose organizations could not be listed and that has none known from before. */
export function hostFailureRow(origin: string, label: string, failure: ListFailure): MessageNode {
  const spoken = vscode.l10n.t('Could not list the organizations of {0}: {1}', label, failure.text);
  return new MessageNode(undefined, origin, failure.text, 'error', { spoken: `${spoken} ${actionsSentence(failure)}`, tooltip: spoken, tokens: [failure.kind, ...LIST_ACTIONS[failure.kind]] }, 'organizations');
}

/** What the view's message is made of: the failed lists (with the organization's label), hosts whose organizations could not be listed, the filter. */
export interface MessageFacts {
  failed: Array<{ origin: string; label: string; failure: ListFailure }>;
  hostFailures: Array<{ origin: string; label: string; failure: ListFailure }>;
  /** When the oldest of the stale lists shown was read. */
  staleSince: number | undefined;
  /** The filter ('' when none) and how many keys match it. */
  query: string;
  matching: number;
}

/**
 * The view's message: why lists could not be read (the first such sentence, and how many), when
 * the keys shown instead were read, and the filter while one is on. Plain text: each error's
 * actions are on its row.
 */
export function viewMessageText(f: MessageFacts, now: number): string | undefined {
  const parts: string[] = [];
  if (f.failed.length === 1) {
    parts.push(vscode.l10n.t('Could not read the keys of {0}: {1}', f.failed[0].label, f.failed[0].failure.text));
  } else if (f.failed.length > 1) {
    parts.push(vscode.l10n.t('Could not read the keys of {0} organizations: {1}', f.failed.length, f.failed[0].failure.text));
  }
  for (const host of f.hostFailures) {
    // Said on its own only when no list of the host says it already.
    if (!f.failed.some((x) => x.origin === host.origin)) {
      parts.push(vscode.l10n.t('Could not list the organizations of {0}: {1}', host.label, host.failure.text));
    }
  }
  if (f.staleSince !== undefined) {
    parts.push(vscode.l10n.t('The keys below were {0}.', localize(readAgo(f.staleSince, now))));
  }
  if (f.query !== '') {
    const q = f.query.trim();
    parts.push(
      f.matching === 0
        ? vscode.l10n.t('Filtered by "{0}": no key matches.', q)
        : f.matching === 1
          ? vscode.l10n.t('Filtered by "{0}": 1 key matches.', q)
          : vscode.l10n.t('Filtered by "{0}": {1} keys match.', q, f.matching),
      vscode.l10n.t('Clear Key Filter shows every key.'),
    );
  }
  return parts.length > 0 ? parts.join(' ') : undefined;
}

import * as vscode from 'vscode';
import { findOrphan, type JournalEntry, orphanMessage, orphanUnknownMessage } from './core/journal';
import { formatDate } from './core/timestamps';
import { quietConnection } from './connection';
import { localize } from './platform/l10n';
import type { Services } from './services';
import { showError } from './ui/showError';

/**
 * Looks for keys whose secret was never saved: a journal entry left by an extension host that is no
 * longer running means it died between the POST and the point where the secret was safe. Runs once,
 * a little after activation, and only when signed in. The organization's keys are listed to find
 * the key by name and creation time; nothing is revoked on a guess. Started by orphanSchedule.ts;
 * this file is in dist/flows.js.
 */
export class OrphanCheck {
  private readonly inProgress = new Set<string>();

  constructor(private readonly s: Services, private readonly onRevoked: () => void) {}

  /** Checks every entry left by a host that is gone; resolves when each has been answered or left for later. */
  async run(): Promise<void> {
    const left = this.s.journal.leftBehind();
    if (left.length === 0) {
      return;
    }
    const conn = await quietConnection(this.s);
    if (!conn) {
      return; // looked at again at the next start when signed in
    }
    const client = this.s.http.create(conn.api.baseUrl, conn.token.value);
    for (const entry of left.filter((e) => e.origin === conn.api.origin && !this.inProgress.has(e.id))) {
      this.inProgress.add(entry.id);
      try {
        await this.resolve(entry, client);
      } finally {
        this.inProgress.delete(entry.id);
      }
    }
  }

  private async resolve(entry: JournalEntry, client: ReturnType<Services['http']['create']>): Promise<void> {
    const { s } = this;
    let keys;
    try {
      keys = await client.listApiKeys(entry.organizationId);
    } catch (e) {
      s.log.warn(`Could not list the keys of organization ${entry.organizationId} to look for an interrupted ${entry.intent}: ${e instanceof Error ? e.message : String(e)}`);
      return; // kept for the next start
    }
    const search = findOrphan(entry, keys);
    if (search.kind === 'none') {
      s.log.info(`An interrupted ${entry.intent} of "${entry.keyName}" created no key.`);
      await s.journal.end(entry.id);
      return;
    }
    if (search.kind === 'ambiguous') {
      await s.journal.end(entry.id);
      void s.ui.message('warning', orphanUnknownMessage(entry, search, localize), {});
      return;
    }
    const key = search.key;
    s.log.warn(`Key ${key.id} (${key.keyPrefix}…) was created by an interrupted ${entry.intent}; its secret was never saved.`);
    const revoke = vscode.l10n.t('Revoke It');
    const keep = vscode.l10n.t('Keep It');
    const choice = await s.ui.message('warning', orphanMessage(entry, key, (n) => formatDate(n), localize), {}, revoke, keep);
    if (choice === keep) {
      await s.journal.end(entry.id);
      s.log.info(`Kept key ${key.id} of an interrupted ${entry.intent}.`);
    } else if (choice === revoke) {
      try {
        await client.revokeApiKey(entry.organizationId, key.id);
      } catch (e) {
        await showError(s, vscode.l10n.t('Revoking the key "{0}"', key.name), e);
        return;
      }
      await s.journal.end(entry.id);
      await s.state.markCreatedKeyRevoked(key.id, Date.now());
      s.log.info(`Revoked key ${key.id} of an interrupted ${entry.intent}.`);
      this.onRevoked();
      void s.ui.message('info', vscode.l10n.t('Revoked the API key "{0}".', key.name), {});
    }
    // Dismissed: the entry stays, and the question comes back at the next start.
  }}

import * as vscode from 'vscode';
import { findOrphan, type JournalEntry, orphanMessage, orphanUnknownMessage, placeName, staleEntryMessage } from '../core/keys/journal';
import { formatDate } from '../core/common/timestamps';
import { quietConnection } from '../connection/hostChoice';
import { localize } from '../platform/l10n';
import type { Services } from '../services';
import { showError } from '../ui/showError';

type Client = ReturnType<Services['http']['create']>;

/**
 * Looks for keys whose secret was never saved: a journal entry left by an extension host of this
 * place (machine, remote, PID namespace) that is no longer running means it died between the POST
 * and the point where the secret was safe. Entries written elsewhere are not judged here (their pid
 * means nothing here); once a week old, the user is told of them and decides whether to look the
 * key up. Runs once, a little after activation, and only when signed in. The organization's keys
 * are listed to find the key by name and creation time; nothing is revoked on a guess, nor without
 * the user choosing it. Scheduled by registerOrphanCheck below.
 */
export class OrphanCheck {
  private readonly inProgress = new Set<string>();

  constructor(private readonly s: Services, private readonly onRevoked: () => void) {}

  /**
   * Checks every entry left by a host of this place that is gone, and names those of elsewhere left
   * for over a week; resolves when each has been answered or left for later.
   */
  async run(): Promise<void> {
    const { orphans, stale } = this.s.journal.judge();
    if (orphans.length === 0 && stale.length === 0) {
      return;
    }
    const conn = await quietConnection(this.s);
    if (!conn) {
      return; // looked at again at the next start when signed in
    }
    const client = this.s.http.create(conn.api.baseUrl, conn.token.value);
    const ours = (e: JournalEntry) => e.origin === conn.api.origin && !this.inProgress.has(e.id);
    for (const entry of orphans.filter(ours)) {
      await this.once(entry, () => this.resolve(entry, client, false));
    }
    for (const entry of stale.filter(ours)) {
      await this.once(entry, () => this.report(entry, client));
    }
  }

  private async once(entry: JournalEntry, work: () => Promise<void>): Promise<void> {
    this.inProgress.add(entry.id);
    try {
      await work();
    } finally {
      this.inProgress.delete(entry.id);
    }
  }

  /**
   * An entry written elsewhere a week ago or more: its window may still run (this one cannot tell), so
   * nothing is listed, revoked or removed unless the user asks to look the key up.
   */
  private async report(entry: JournalEntry, client: Client): Promise<void> {
    const { s } = this;
    const here = s.journal.here.place;
    s.log.warn(
      `An unfinished ${entry.intent} of "${entry.keyName}" was started ${formatDate(entry.startedAt)} by a window on ${placeName(entry.place, here) ?? 'an unrecorded place'}; whether that window runs cannot be told here.`,
    );
    const lookUp = vscode.l10n.t('Look Up the Key');
    const dismiss = vscode.l10n.t('Dismiss');
    const choice = await s.ui.message('warning', staleEntryMessage(entry, here, (n) => formatDate(n), localize), {}, lookUp, dismiss);
    if (choice === lookUp) {
      await this.resolve(entry, client, true);
    }
    // Dismissed: the entry stays, and it is named again at the next start.
  }

  /** `asked`: the user asked to look the key up, so a search that finds nothing is said, not only logged. */
  private async resolve(entry: JournalEntry, client: Client, asked: boolean): Promise<void> {
    const { s } = this;
    let keys;
    try {
      keys = await client.listApiKeys(entry.organizationId);
    } catch (e) {
      s.log.warn(`Could not list the keys of organization ${entry.organizationId} to look for an interrupted ${entry.intent}: ${e instanceof Error ? e.message : String(e)}`);
      return; // kept for the next start
    }
    s.log.knowPrefixes(keys.map((k) => k.keyPrefix));
    const search = findOrphan(entry, keys);
    if (search.kind === 'none') {
      s.log.info(`An interrupted ${entry.intent} of "${entry.keyName}" created no key.`);
      await s.journal.end(entry.id);
      if (asked) {
        void s.ui.message('info', orphanUnknownMessage(entry, search, localize), {});
      }
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
  }
}

/** How long after activation the journal is looked at: activation itself never waits for it. */
export const ORPHAN_CHECK_DELAY_MS = 3000;

/**
 * Schedules the orphan check a little after activation; the timer is owned by
 * `context.subscriptions`. `run()` checks now (the test API's hook).
 */
export function registerOrphanCheck(context: vscode.ExtensionContext, s: Services, onRevoked: () => void): Pick<OrphanCheck, 'run'> {
  const check = new OrphanCheck(s, onRevoked);
  const timer = setTimeout(() => {
    check.run().catch((e: unknown) => s.log.warn(`Orphan check failed: ${e instanceof Error ? e.message : String(e)}`));
  }, ORPHAN_CHECK_DELAY_MS);
  context.subscriptions.push({ dispose: () => clearTimeout(timer) });
  return { run: () => check.run() };
}

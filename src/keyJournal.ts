import { randomUUID } from 'crypto';
import type * as vscode from 'vscode';
import {
  JOURNAL_STATE_KEY, type JournalEntry, journalEntry, type NewJournalEntry, readJournal, withEntry, withFileDone, withoutEntry,
} from './core/journal';

/**
 * The orphan journal in globalState (see core/journal.ts): an entry is written before the POST
 * that creates a key and removed once its secret is safe. Ids, names, paths and times only.
 * Every window of this VS Code shares globalState, so each change re-reads the list and touches
 * only its own entry.
 */
export class KeyJournal {
  /** The last write issued; the next change waits for it, so writes land in order. */
  private written: Promise<void> = Promise.resolve();

  constructor(private readonly memento: vscode.Memento) {}

  entries(): JournalEntry[] {
    return readJournal(this.memento.get<unknown>(JOURNAL_STATE_KEY));
  }

  /**
   * Records the intent before the POST. The entry is in globalState (this host's copy) as soon as
   * this returns, and its write to VS Code's storage is already on its way; the request does not
   * wait for that round trip (10+ ms in a remote extension host), which is most of what a create
   * used to cost beyond its own request. A failed write is reported through `log`.
   */
  begin(e: NewJournalEntry, log: (message: string) => void): JournalEntry {
    const entry = journalEntry({ ...e, hostPid: process.pid }, Date.now(), randomUUID());
    this.write(withEntry(this.entries(), entry), log);
    return entry;
  }

  private write(next: JournalEntry[], log: (message: string) => void): void {
    // Issued now (the host's copy changes at once, in call order); only the round trip is left behind.
    const done = Promise.resolve(this.memento.update(JOURNAL_STATE_KEY, next)).catch((err: unknown) => {
      log(`Could not record the key journal: ${err instanceof Error ? err.message : String(err)}`);
    });
    this.written = Promise.all([this.written, done]).then(() => undefined);
  }

  /** Rotation: `file` no longer holds the old key. */
  async fileDone(id: string, file: string): Promise<void> {
    await this.written;
    const entry = this.entries().find((e) => e.id === id);
    if (entry) {
      await this.memento.update(JOURNAL_STATE_KEY, withEntry(this.entries(), withFileDone(entry, file)));
    }
  }

  async end(id: string): Promise<void> {
    await this.written;
    const all = this.entries();
    if (all.some((e) => e.id === id)) {
      await this.memento.update(JOURNAL_STATE_KEY, withoutEntry(all, id));
    }
  }
}

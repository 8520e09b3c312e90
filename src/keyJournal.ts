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
  constructor(private readonly memento: vscode.Memento) {}

  entries(): JournalEntry[] {
    return readJournal(this.memento.get<unknown>(JOURNAL_STATE_KEY));
  }

  /** Records the intent; awaited before the POST, so an entry exists whenever a key may. */
  async begin(e: NewJournalEntry): Promise<JournalEntry> {
    const entry = journalEntry({ ...e, hostPid: process.pid }, Date.now(), randomUUID());
    await this.memento.update(JOURNAL_STATE_KEY, withEntry(this.entries(), entry));
    return entry;
  }

  /** Rotation: `file` no longer holds the old key. */
  async fileDone(id: string, file: string): Promise<void> {
    const entry = this.entries().find((e) => e.id === id);
    if (entry) {
      await this.memento.update(JOURNAL_STATE_KEY, withEntry(this.entries(), withFileDone(entry, file)));
    }
  }

  async end(id: string): Promise<void> {
    const all = this.entries();
    if (all.some((e) => e.id === id)) {
      await this.memento.update(JOURNAL_STATE_KEY, withoutEntry(all, id));
    }
  }
}

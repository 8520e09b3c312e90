import { randomUUID } from 'crypto';
import { hostname } from 'os';
import type * as vscode from 'vscode';
import {
  JOURNAL_STATE_KEY, type JournalEntry, journalEntry, type JournalHere, type JournalPlace, judgeJournal, type NewJournalEntry, readJournal, withEntry,
  withFileDone, withoutEntry,
} from '../core/keys/journal';
import { pidNamespace, processIsAlive } from '../platform/fileLock';

/** Where the journal is kept: globalState in the extension; any store with the same two methods in a test. */
export type JournalStore = Pick<vscode.Memento, 'get' | 'update'>;

/** What the journal needs of `vscode.env` (passed in: this file also runs outside VS Code, in tests). */
export type WindowEnv = Partial<Pick<typeof vscode.env, 'remoteName' | 'machineId'>>;

/** Where this extension host runs (see JournalPlace): read once, when the journal is made. */
export function thisHost(env: WindowEnv): JournalHere {
  const place: JournalPlace = { hostName: hostname() };
  if (env.remoteName) place.remoteName = env.remoteName;
  if (env.machineId) place.machineId = env.machineId;
  const ns = pidNamespace();
  if (ns) place.pidNamespace = ns;
  return { pid: process.pid, place };
}

/**
 * The orphan journal in globalState (see core/journal.ts): an entry is written before the POST
 * that creates a key and removed once its secret is safe. Ids, names, paths and times only.
 * Every window of this VS Code shares globalState, so each change re-reads the list and touches
 * only its own entry; each entry records where its window runs, so that other windows judge it only
 * where its pid means something.
 */
export class KeyJournal {
  /** This window, as its entries record it. */
  readonly here: JournalHere;

  constructor(private readonly memento: JournalStore, env: WindowEnv) {
    this.here = thisHost(env);
  }

  entries(): JournalEntry[] {
    return readJournal(this.memento.get<unknown>(JOURNAL_STATE_KEY));
  }

  /**
   * What the orphan check acts on (see judgeJournal): the entries of this place whose window is gone,
   * and those of elsewhere left for over a week.
   */
  judge(now = Date.now()): { orphans: JournalEntry[]; stale: JournalEntry[] } {
    return judgeJournal(this.entries(), this.here, now, processIsAlive);
  }

  /** Records the intent; awaited before the POST, so an entry exists whenever a key may. */
  begin(e: NewJournalEntry): Promise<JournalEntry> {
    return this.replace(undefined, e);
  }

  /** Writes `e` as a fresh entry in place of `replacedId` (if any), in one update. */
  async replace(replacedId: string | undefined, e: NewJournalEntry): Promise<JournalEntry> {
    const entry = journalEntry({ ...e, hostPid: this.here.pid, place: this.here.place }, Date.now(), randomUUID());
    const rest = replacedId === undefined ? this.entries() : withoutEntry(this.entries(), replacedId);
    await this.memento.update(JOURNAL_STATE_KEY, withEntry(rest, entry));
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

/**
 * How old a draft entry may be and still stand for the request at Enter; an older one is written
 * again first, so that its start time stays close to the POST (see ORPHAN_WINDOW).
 */
export const DRAFT_FRESH_MS = 60_000;

/**
 * A create's journal entry, written while the questions are still open: `note` is called as soon
 * as the organization and the name are known (and again if Back changes them), so that when the
 * user presses Enter on the last question the entry is already stored and the request goes at
 * once. `settle` gives the entry for the final answers, writing it first only if the last note
 * differs or is stale; `discard` removes it when the questions are cancelled. Only this host's
 * running flow uses the draft, and the orphan check leaves entries of a live host alone.
 */
export class JournalDraft {
  private written: Promise<JournalEntry | undefined> = Promise.resolve(undefined);
  private noted: { organizationId: string; keyName: string } | undefined;

  constructor(private readonly journal: KeyJournal, private readonly origin: string, private readonly now: () => number = Date.now) {}

  note(organizationId: string, keyName: string): void {
    if (this.noted?.organizationId === organizationId && this.noted.keyName === keyName) {
      return;
    }
    this.noted = { organizationId, keyName };
    // A failed earlier write is not this one's failure: it is tried afresh.
    const previous = this.written.catch(() => undefined);
    this.written = previous.then((old) => this.journal.replace(old?.id, { intent: 'create', origin: this.origin, organizationId, keyName }));
    // Awaited by settle or discard; this keeps a failure from being reported as unhandled meanwhile.
    this.written.catch(() => undefined);
  }

  /** The stored entry for these answers; throws if it could not be written (then nothing is sent). */
  async settle(organizationId: string, keyName: string): Promise<JournalEntry> {
    this.note(organizationId, keyName);
    let entry = await this.written.catch(() => undefined);
    if (!entry || this.now() - entry.startedAt > DRAFT_FRESH_MS) {
      this.written = this.journal.replace(entry?.id, { intent: 'create', origin: this.origin, organizationId, keyName });
      entry = await this.written;
    }
    return entry!;
  }

  /** After a cancel: the draft goes (a failure to write it leaves nothing to remove). */
  async discard(): Promise<void> {
    this.noted = undefined;
    const entry = await this.written.catch(() => undefined);
    if (entry) {
      await this.journal.end(entry.id);
    }
  }
}

/**
 * The orphan journal: before the POST that creates a key (create or rotate), a small entry is kept
 * in globalState; it is cleared when the secret has been offered (create) or every write has
 * finished (rotate). An entry found at activation means the window died in between, so a key may
 * exist whose secret nobody saved. Ids, names and times only: never a secret, never a token.
 *
 * Every window of one machine reads and writes the same list: VS Code shares globalState between the
 * local, SSH, WSL and container windows of a machine. An entry's process id means something only where
 * it was written, so each entry also says where its window runs (JournalPlace), and a window judges
 * (its writer running or gone) only the entries of its own place. The others it leaves alone, and
 * names to the user once they are a week old: never revoked, never removed on its own.
 *
 * Pure: the extension reads and writes the list (under JOURNAL_STATE_KEY) and lists the keys.
 */
import type { PublicApiKey } from '../api/types';
import { formatDate, toDate } from '../common/timestamps';
import { english, msg, type Render } from '../common/messages';

/** The globalState key of the list of JournalEntry. */
export const JOURNAL_STATE_KEY = 'vued.keyJournal';

/**
 * Where an extension host runs: the same place means the same process ids. Names and ids only.
 * Two entries are of the same place when every field is equal (a field absent on both is equal).
 */
export interface JournalPlace {
  /** The host name of the machine (or container) the extension host runs on. */
  hostName: string;
  /** The window's remote (`vscode.env.remoteName`: `ssh-remote`, `wsl`, `dev-container`…); absent in a local window. */
  remoteName?: string;
  /** `vscode.env.machineId`. */
  machineId?: string;
  /** Linux: the extension host's PID namespace, as /proc/self/ns/pid reads (`pid:[4026531836]`). */
  pidNamespace?: string;
}

/** The window that judges: its extension host's pid, and where it runs. */
export interface JournalHere {
  pid: number;
  place: JournalPlace;
}

export interface JournalEntry {
  /** Unique per entry, so one can be cleared without touching another window's. */
  id: string;
  intent: 'create' | 'rotate';
  /** The API origin the key was created at (`https://host[:port]`), as the token store keys it. */
  origin: string;
  organizationId: string;
  keyName: string;
  /** Rotation: the key being replaced. */
  oldKeyId?: string;
  /** Epoch ms, taken just before the POST. */
  startedAt: number;
  /** Rotation: the files (workspace-relative paths or URIs) still to be updated with the new secret. */
  files?: string[];
  /**
   * The extension host that wrote the entry. While it runs, the flow may still be waiting for its
   * user (in another window, say), so the entry is not an orphan yet.
   */
  hostPid?: number;
  /** Where hostPid runs. Absent in entries of earlier versions: their place is unknown. */
  place?: JournalPlace;
}

export interface NewJournalEntry {
  intent: 'create' | 'rotate';
  origin: string;
  organizationId: string;
  keyName: string;
  oldKeyId?: string;
  files?: readonly string[];
  hostPid?: number;
  place?: JournalPlace;
}

/** A fresh entry; `now` and `id` are passed in so the core stays deterministic in tests. */
export function journalEntry(e: NewJournalEntry, now: number, id: string): JournalEntry {
  const entry: JournalEntry = { id, intent: e.intent, origin: e.origin, organizationId: e.organizationId, keyName: e.keyName, startedAt: now };
  if (e.hostPid !== undefined) entry.hostPid = e.hostPid;
  if (e.place !== undefined) entry.place = copyPlace(e.place);
  if (e.intent === 'rotate') {
    if (e.oldKeyId !== undefined) entry.oldKeyId = e.oldKeyId;
    entry.files = [...(e.files ?? [])];
  }
  return entry;
}

const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 2048;

const PLACE_FIELDS = ['remoteName', 'machineId', 'pidNamespace'] as const;

function copyPlace(p: JournalPlace): JournalPlace {
  const place: JournalPlace = { hostName: p.hostName };
  for (const f of PLACE_FIELDS) {
    if (p[f] !== undefined) place[f] = p[f];
  }
  return place;
}

/**
 * A stored place, or undefined (unknown) when it is missing or any field is malformed: an entry of
 * unknown place is left alone, which is safe; taking a remote window's entry for a local one is not.
 */
function readPlace(v: unknown): JournalPlace | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const r = v as Record<string, unknown>;
  if (!str(r.hostName)) return undefined;
  const place: JournalPlace = { hostName: r.hostName };
  for (const f of PLACE_FIELDS) {
    const value = r[f];
    if (value === undefined) continue;
    if (!str(value)) return undefined;
    place[f] = value;
  }
  return place;
}

/**
 * The valid entries of what globalState holds (anything else is dropped). Only the known fields are
 * copied, so nothing else that may have been stored there travels on.
 */
export function readJournal(stored: unknown): JournalEntry[] {
  if (!Array.isArray(stored)) return [];
  const out: JournalEntry[] = [];
  for (const v of stored as unknown[]) {
    if (typeof v !== 'object' || v === null) continue;
    const r = v as Record<string, unknown>;
    if (!str(r.id) || (r.intent !== 'create' && r.intent !== 'rotate') || !str(r.origin) || !str(r.organizationId) || !str(r.keyName)) continue;
    if (typeof r.startedAt !== 'number' || !Number.isFinite(r.startedAt)) continue;
    const entry: JournalEntry = { id: r.id, intent: r.intent, origin: r.origin, organizationId: r.organizationId, keyName: r.keyName, startedAt: r.startedAt };
    if (typeof r.hostPid === 'number' && Number.isSafeInteger(r.hostPid) && r.hostPid > 0) entry.hostPid = r.hostPid;
    const place = readPlace(r.place);
    if (place) entry.place = place;
    if (r.intent === 'rotate') {
      if (str(r.oldKeyId)) entry.oldKeyId = r.oldKeyId;
      entry.files = Array.isArray(r.files) ? r.files.filter(str) : [];
    }
    out.push(entry);
  }
  return out;
}

export function withEntry(journal: readonly JournalEntry[], entry: JournalEntry): JournalEntry[] {
  return [...journal.filter((e) => e.id !== entry.id), entry];
}

export function withoutEntry(journal: readonly JournalEntry[], id: string): JournalEntry[] {
  return journal.filter((e) => e.id !== id);
}

/** Rotation: the entry once `file` has been written (it no longer holds the old key). */
export function withFileDone(entry: JournalEntry, file: string): JournalEntry {
  return { ...entry, files: (entry.files ?? []).filter((f) => f !== file) };
}

/** How long an entry of another place (or of unknown place) is left alone before the user is told of it. */
export const ELSEWHERE_QUIET_MS = 7 * 24 * 60 * 60_000;

/** What a window makes of an entry at its orphan check. */
export type EntryVerdict =
  /** Its window runs (this one or another of the same place): its flow may still be waiting for its user. */
  | 'running'
  /** Its window, of this place, is gone: a key may exist whose secret nobody saved. */
  | 'orphan'
  /** Written in another place, or in one not recorded: its pid cannot be asked about here. Left alone. */
  | 'elsewhere'
  /** As 'elsewhere', and older than ELSEWHERE_QUIET_MS: the user is told, and decides. */
  | 'stale';

/** Whether two places are one: same machine, same remote, same PID namespace. */
export function samePlace(a: JournalPlace, b: JournalPlace): boolean {
  return a.hostName === b.hostName && PLACE_FIELDS.every((f) => a[f] === b[f]);
}

/**
 * Judges one entry for the window `here`. Whether its writer runs is asked (`isAlive`, a
 * `process.kill(pid, 0)` probe in the extension) only for an entry of here's own place: anywhere
 * else the same number is another process, or none.
 */
export function judgeEntry(entry: JournalEntry, here: JournalHere, now: number, isAlive: (pid: number) => boolean): EntryVerdict {
  if (entry.place === undefined || !samePlace(entry.place, here.place)) {
    return now - entry.startedAt > ELSEWHERE_QUIET_MS ? 'stale' : 'elsewhere';
  }
  return entry.hostPid === undefined || (entry.hostPid !== here.pid && !isAlive(entry.hostPid)) ? 'orphan' : 'running';
}

/** The entries the orphan check acts on: orphans to resolve, stale entries of elsewhere to report. */
export function judgeJournal(
  entries: readonly JournalEntry[],
  here: JournalHere,
  now: number,
  isAlive: (pid: number) => boolean,
): { orphans: JournalEntry[]; stale: JournalEntry[] } {
  const orphans: JournalEntry[] = [];
  const stale: JournalEntry[] = [];
  for (const e of entries) {
    const verdict = judgeEntry(e, here, now, isAlive);
    if (verdict === 'orphan') orphans.push(e);
    else if (verdict === 'stale') stale.push(e);
  }
  return { orphans, stale };
}

/**
 * How the user is told where an entry was written: the host name, its remote, and the PID namespace
 * when only that differs from `here`; undefined when the entry's place is unknown.
 */
export function placeName(place: JournalPlace | undefined, here: JournalPlace): string | undefined {
  if (place === undefined) return undefined;
  const parts = [place.remoteName, place.hostName === here.hostName && place.remoteName === here.remoteName ? place.pidNamespace : undefined].filter(
    (p): p is string => p !== undefined,
  );
  return parts.length ? `${place.hostName} (${parts.join(', ')})` : place.hostName;
}

/**
 * How far apart the client's clock (startedAt) and the server's (createdAt) may be. Before: the
 * server's clock may be behind ours. After: the POST may wait in queues and retries of the
 * connection, but the client gives up on it long before this.
 */
export const ORPHAN_WINDOW = { beforeMs: 2 * 60_000, afterMs: 15 * 60_000 };

export type OrphanSearch =
  | { kind: 'found'; key: PublicApiKey }
  /** No key of that name was created in the window: the POST most likely never created one. */
  | { kind: 'none' }
  /** Several keys could be the one: the user must look; nothing is revoked on a guess. */
  | { kind: 'ambiguous'; candidates: PublicApiKey[] };

/**
 * Finds the key the interrupted POST created among the organization's listed keys: same name,
 * created within ORPHAN_WINDOW of startedAt, not revoked, and not the key being rotated.
 */
export function findOrphan(entry: JournalEntry, listedKeys: readonly PublicApiKey[], window = ORPHAN_WINDOW): OrphanSearch {
  const from = entry.startedAt - window.beforeMs;
  const to = entry.startedAt + window.afterMs;
  const candidates = listedKeys.filter((k) => {
    if (k.name !== entry.keyName || k.id === entry.oldKeyId || k.revokedAt !== null) return false;
    const created = toDate(k.createdAt)?.getTime();
    return created !== undefined && created >= from && created <= to;
  });
  if (candidates.length === 1) return { kind: 'found', key: candidates[0] };
  if (candidates.length === 0) return { kind: 'none' };
  return { kind: 'ambiguous', candidates };
}

/**
 * The sentence shown at activation for an orphan that was found. `date` formats the key's
 * creation time (the extension passes local time).
 */
export function orphanMessage(
  entry: JournalEntry,
  key: PublicApiKey,
  date: (n: number) => string = (n) => formatDate(n),
  render: Render = english,
): string {
  const when = date(key.createdAt);
  if (entry.intent === 'create') return render(msg('journal.orphanCreated', key.name, when));
  const rotation = render(msg('journal.orphanRotation', key.name, when));
  const files = entry.files ?? [];
  if (files.length === 0) return rotation;
  return `${rotation} ${render(msg(files.length === 1 ? 'journal.stillHoldsOne' : 'journal.stillHoldMany', files.join(', ')))}`;
}

/** The sentence when the orphan cannot be told apart, or was not found. */
export function orphanUnknownMessage(entry: JournalEntry, search: Exclude<OrphanSearch, { kind: 'found' }>, render: Render = english): string {
  if (search.kind === 'none') {
    return render(msg('journal.interruptedNone', entry.keyName));
  }
  return render(msg('journal.interruptedAmbiguous', entry.keyName, search.candidates.length));
}

/**
 * The sentence for an entry of another place left for over ELSEWHERE_QUIET_MS: which key, when, and
 * where it was started. `date` formats startedAt (the extension passes local time).
 */
export function staleEntryMessage(
  entry: JournalEntry,
  here: JournalPlace,
  date: (n: number) => string = (n) => formatDate(n),
  render: Render = english,
): string {
  const where = placeName(entry.place, here);
  const by = where === undefined ? msg('journal.placeUnknown') : msg('journal.placeKnown', where);
  return render(msg(entry.intent === 'create' ? 'journal.staleCreate' : 'journal.staleRotation', entry.keyName, date(entry.startedAt), by));
}

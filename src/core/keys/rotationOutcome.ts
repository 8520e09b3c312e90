/**
 * Rotating a key, once the caller has written the planned files and read every `.env` file again:
 * what that means for revoking the old key, and the sentences that say which file holds which key.
 *
 * No text produced here holds a secret: only paths, line numbers, key names and error messages.
 */
import type { PublicApiKey } from '../api/types';
import { english, type Message, type MessageArg, msg, type Render } from '../common/messages';
import type { RotationPlan, SkippedFile } from './rotation';

/** What the caller reports after trying to write each planned file. */
export interface WriteResult {
  path: string;
  ok: boolean;
  /** Why the write failed, e.g. `EACCES: permission denied`. Must not contain a secret. */
  error?: string;
}

/** What a fresh read of every `.env` file of the workspace found after the writes. */
export interface LookAgain {
  /** Files that still hold the old key. */
  holding: readonly string[];
  /** Files that could not be read, with why (no secret): they may hold it. */
  unreadable: ReadonlyArray<{ path: string; reason: string }>;
  /** Set when the workspace has more `.env` files than were read: how many were read. */
  stoppedAfter?: number;
}

export interface RotationOutcome {
  /**
   * 'offer' only when every planned write succeeded, no file was left holding the old key because
   * it could not be changed safely, and reading every `.env` file again found none that holds (or
   * might hold) it.
   */
  revokeOld: 'offer' | 'blocked';
  /** One or two sentences for the user, in the language of `render`: which file holds which key. No secret. */
  summary: string;
  /** Planned files whose write failed (or was never reported). */
  failed: string[];
  /** Planned files written. */
  written: string[];
  /** Files that still hold (or may hold) the old key: failed writes, unsafe changes, and what the fresh read found. */
  holdingOld: string[];
  /** Files written with the new key. */
  holdingNew: string[];
}

type KeyName = Pick<PublicApiKey, 'id' | 'name'>;

interface FileState {
  wroteNew: boolean;
  holdsOld: boolean;
  reasons: MessageArg[];
}

/**
 * Interprets the writes of a plan and the fresh read after them. Revoking the old key is offered
 * only when every planned file was written, nothing was skipped because it could not be changed
 * safely, and the fresh read found no file holding the old key, none it could not read and no cap
 * it stopped at; otherwise the summary says which file holds the new key and which still holds (or
 * may hold) the old one, and why. `render` gives the summary's language (English by default; the
 * extension passes `localize`).
 */
export function rotationOutcome(
  plan: RotationPlan,
  results: readonly WriteResult[],
  again: LookAgain,
  oldKey: KeyName,
  newKey: KeyName,
  render: Render = english,
): RotationOutcome {
  const resultByPath = new Map<string, WriteResult>();
  for (const r of results) {
    const seen = resultByPath.get(r.path);
    // A failure for a path is not hidden by a success reported for it too.
    if (!seen || seen.ok) {
      resultByPath.set(r.path, r);
    }
  }

  const states = new Map<string, FileState>();
  const state = (path: string): FileState => {
    let s = states.get(path);
    if (!s) {
      s = { wroteNew: false, holdsOld: false, reasons: [] };
      states.set(path, s);
    }
    return s;
  };
  const holdsOld = (path: string, reason: MessageArg) => {
    const s = state(path);
    s.holdsOld = true;
    s.reasons.push(reason);
  };

  const written: string[] = [];
  const failed: string[] = [];
  const commentLines: Message[] = [];
  for (const e of plan.edits) {
    const r = resultByPath.get(e.path);
    if (r?.ok === true) {
      written.push(e.path);
      state(e.path).wroteNew = true;
      commentLines.push(...e.commentLines.map((line) => msg('usage.lineOf', e.path, line + 1)));
    } else {
      failed.push(e.path);
      holdsOld(e.path, r ? r.error?.trim() || msg('rotation.writeFailed') : msg('rotation.notWritten'));
    }
  }
  const stale: SkippedFile[] = [];
  for (const k of plan.skipped) {
    if (k.holdsOldKey) {
      holdsOld(k.path, k.reason);
    } else {
      stale.push(k);
    }
  }
  for (const path of again.holding) {
    // A file already known to hold the old key keeps its first reason.
    if (!states.get(path)?.holdsOld) {
      holdsOld(path, msg('rotation.foundAgain'));
    }
  }
  for (const u of again.unreadable) {
    if (!states.get(u.path)?.holdsOld) {
      holdsOld(u.path, msg('rotation.unreadable', u.reason));
    }
  }

  const holdingNew: string[] = [];
  const holdingOld: string[] = [];
  const phrases: string[] = [];
  for (const [path, s] of states) {
    if (s.wroteNew && !s.holdsOld) {
      holdingNew.push(path);
    }
    if (s.holdsOld) {
      holdingOld.push(path);
    }
    phrases.push(describeFile(path, s, render));
  }
  if (again.stoppedAfter !== undefined) {
    phrases.push(render(msg('rotation.notAllRead', again.stoppedAfter.toLocaleString('en-US'))));
  }

  const blocked = holdingOld.length > 0 || again.stoppedAfter !== undefined;
  const oldName = quoteName(oldKey);
  const newName = quoteName(newKey);
  let summary: string;
  if (blocked) {
    summary = render(msg('rotation.blocked', newName, oldName, phrases.join('; ')));
  } else if (written.length > 0) {
    summary = render(msg('rotation.replaced', oldName, newName, written.join(', ')));
    if (commentLines.length > 0) {
      summary = render(msg('rotation.alsoInComments', summary, commentLines.map((m) => render(m)).join(', ')));
    }
  } else {
    summary = render(msg('rotation.noFile', newName));
  }
  if (stale.length > 0) {
    const list = stale.map((k) => `${k.path}: ${renderArg(k.reason, render)}`).join('; ');
    summary = render(msg('rotation.leftUnchanged', summary, list));
  }

  return { revokeOld: blocked ? 'blocked' : 'offer', summary, failed, written, holdingOld, holdingNew };
}

function renderArg(a: MessageArg, render: Render): string {
  return typeof a === 'object' ? render(a) : String(a);
}

function describeFile(path: string, s: FileState, render: Render): string {
  if (!s.holdsOld) {
    return render(msg('rotation.fileNew', path));
  }
  const reasons = [...new Set(s.reasons.map((r) => renderArg(r, render)))];
  return render(msg('rotation.fileOld', path, reasons.length > 0 ? ` (${reasons.join('; ')})` : ''));
}

function quoteName(key: KeyName): string {
  const name = typeof key.name === 'string' && key.name.trim() !== '' ? key.name.trim() : key.id;
  return `"${name}"`;
}

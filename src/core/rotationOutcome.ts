/**
 * Rotating a key, once the caller has written the planned files: what the writes mean for revoking
 * the old key, and the sentences that say which file holds which key.
 *
 * No text produced here holds a secret: only paths, variable names, key names and error messages.
 */
import type { PublicApiKey } from './api/types';
import { english, type MessageArg, msg, type Render } from './messages';
import type { RotationPlan, SkippedTarget } from './rotate';

/** What the caller reports after trying to write each planned file. */
export interface WriteResult {
  path: string;
  ok: boolean;
  /** Why the write failed, e.g. `EACCES: permission denied`. Must not contain a secret. */
  error?: string;
}

export interface RotationOutcome {
  /** 'offer' only when every planned write succeeded and no variable was left holding the old key. */
  revokeOld: 'offer' | 'blocked';
  /** One or two sentences for the user, in the language of `render`: which file holds which key. No secret. */
  summary: string;
  /** Planned files whose write failed (or was never reported). */
  failed: string[];
  /** Planned files written. */
  written: string[];
  /** Files that still hold the old key: failed writes and variables that could not be changed safely. */
  holdingOld: string[];
  /** Files written with the new key. */
  holdingNew: string[];
}

type KeyName = Pick<PublicApiKey, 'id' | 'name'>;

interface FileState {
  newVars: string[];
  oldVars: string[];
  reasons: MessageArg[];
}

/**
 * Interprets the writes of a plan. Revoking the old key is offered only when every planned file
 * was written and nothing was skipped because it could not be changed safely; otherwise the summary
 * says which file holds the new key and which still holds the old one, and why. `render` gives the
 * summary's language (English by default; the extension passes `localize`).
 */
export function rotationOutcome(
  plan: RotationPlan,
  results: readonly WriteResult[],
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
      s = { newVars: [], oldVars: [], reasons: [] };
      states.set(path, s);
    }
    return s;
  };

  const written: string[] = [];
  const failed: string[] = [];
  for (const e of plan.edits) {
    const r = resultByPath.get(e.path);
    const s = state(e.path);
    if (r?.ok === true) {
      written.push(e.path);
      s.newVars.push(...e.variables);
    } else {
      failed.push(e.path);
      s.oldVars.push(...e.variables);
      s.reasons.push(r ? r.error?.trim() || msg('rotation.writeFailed') : msg('rotation.notWritten'));
    }
  }
  const stale: SkippedTarget[] = [];
  for (const k of plan.skipped) {
    if (k.holdsOldKey) {
      const s = state(k.path);
      s.oldVars.push(k.variable);
      s.reasons.push(k.reason);
    } else {
      stale.push(k);
    }
  }

  const holdingNew: string[] = [];
  const holdingOld: string[] = [];
  const phrases: string[] = [];
  for (const [path, s] of states) {
    if (s.newVars.length > 0) {
      holdingNew.push(path);
    }
    if (s.oldVars.length > 0) {
      holdingOld.push(path);
    }
    phrases.push(describeFile(path, s, render));
  }

  const blocked = holdingOld.length > 0;
  const oldName = quoteName(oldKey);
  const newName = quoteName(newKey);
  let summary: string;
  if (blocked) {
    summary = render(msg('rotation.blocked', newName, oldName, phrases.join('; ')));
  } else if (written.length > 0) {
    summary = render(msg('rotation.replaced', oldName, newName, written.join(', ')));
  } else {
    summary = render(msg('rotation.noFile', newName));
  }
  if (stale.length > 0) {
    const list = stale.map((k) => `${k.path} (${k.variable}): ${k.reason}`).join('; ');
    summary = render(msg('rotation.leftUnchanged', summary, list));
  }

  return { revokeOld: blocked ? 'blocked' : 'offer', summary, failed, written, holdingOld, holdingNew };
}

function describeFile(path: string, s: FileState, render: Render): string {
  const reasons = s.reasons.map((r) => (typeof r === 'object' ? render(r) : String(r)));
  const why = reasons.length > 0 ? ` (${[...new Set(reasons)].join('; ')})` : '';
  if (s.oldVars.length === 0) {
    return render(msg('rotation.fileNew', path));
  }
  if (s.newVars.length === 0) {
    return render(msg('rotation.fileOld', path, why));
  }
  return render(msg('rotation.fileBoth', path, s.newVars.join(', '), s.oldVars.join(', '), why));
}

function quoteName(key: KeyName): string {
  const name = typeof key.name === 'string' && key.name.trim() !== '' ? key.name.trim() : key.id;
  return `"${name}"`;
}

import * as vscode from 'vscode';
import { UserFacingError } from '../core/common/errors';
import { ApiError } from '../core/api/errors';
import { sameLifetime } from '../core/keys/expiry';
import type { PublicApiKey } from '../core/api/types';
import { msg } from '../core/common/messages';
import { planRotation, type RotationPlan } from '../core/keys/rotation';
import { type LookAgain, rotationOutcome, type WriteResult } from '../core/keys/rotationOutcome';
import { formatDate, toDate } from '../core/common/timestamps';
import { describeUsage } from '../core/dotenv/usages';
import { localize, userSentence } from '../platform/l10n';
import { readTextSource, updateTextFile } from '../platform/textFiles';
import type { EnvIndex, LocatedUsage } from '../envFiles/envIndex';
import { withCancellableProgress } from '../platform/progress';
import { showError } from '../ui/showError';
import type { Services } from '../services';
import { type ApiKeysTree } from '../views/apiKeysTree';
import { type KeyNode } from '../views/tree/keyNode';
import { announceHeld, offerSecret } from '../keys/offerSecret';
import { signedInClient } from '../connection/hostChoice';
import { endUnlessKeyMayExist } from './createApiKey';
import { variablesOf } from '../core/keys/keychain';

export interface RotationResult {
  newKeyId?: string;
  written: string[];
  failed: string[];
  revokedOld: boolean;
}

/**
 * `vued.rotateApiKey`: confirm → create a replacement (same organization, name, scopes and
 * lifetime; one POST) → replace exactly the old secret's characters, wherever it stands, in every
 * `.env` file that holds it → read every `.env` file again → only if no file holds (or may hold)
 * the old key, offer to revoke it. The new secret is offered for Copy like a created one.
 */
export async function rotateApiKeyCommand(s: Services, tree: ApiKeysTree, usage: EnvIndex, node?: KeyNode): Promise<RotationResult | undefined> {
  if (!node || node.status === 'revoked') {
    return undefined;
  }
  const old = node.key;
  // Every other key known: a secret whose longest known prefix is another key's belongs to that key.
  const others = tree.loadedKeys().map((k) => k.key).filter((k) => k.id !== old.id && k.keyPrefix !== old.keyPrefix);
  usage.invalidate();
  const usages = await usagesOfOld(usage, old, others);
  const places = [...new Set(usages.filter((u) => u.kind === 'definition').map((u) => describeUsage(u, localize)))];
  const inComments = [...new Set(usages.filter((u) => u.kind === 'comment').map((u) => localize(msg('usage.lineOf', u.path, u.line + 1))))];
  const unreadable = usage.unreadable().map((f) => `${f.path} (${f.reason})`);
  // The keychain is one more place: the variables this workspace keeps the key for get the new secret.
  const heldRef = { origin: node.org.origin, keyId: old.id };
  const heldFor = variablesOf(s.heldKeys.mappings(), heldRef);
  if (heldFor.length > 0) {
    places.push(vscode.l10n.t('the keychain — {0} (terminals and debugging)', heldFor.join(', ')));
  }
  const expires = toDate(old.expiresAt);
  const rotate = vscode.l10n.t('Rotate');
  const confirm = await s.ui.message(
    'warning',
    vscode.l10n.t('Rotate the API key "{0}"?', old.name),
    {
      modal: true,
      detail: [
        vscode.l10n.t('Scopes: {0}. Expires: {1}.', old.scopes.length ? old.scopes.join(', ') : vscode.l10n.t('none'), expires ? formatDate(expires) : vscode.l10n.t('never')),
        vscode.l10n.t('A new key with the same name, scopes and lifetime is created, then it replaces the old key, character for character, in:'),
        ...(places.length ? [places.map((p) => `• ${p}`).join('\n')] : inComments.length ? [] : [vscode.l10n.t('(no .env file in this workspace holds it)')]),
        ...(inComments.length ? [places.length ? vscode.l10n.t('Also in comments: {0}', inComments.join(', ')) : vscode.l10n.t('In comments only: {0}', inComments.join(', '))] : []),
        ...(unreadable.length ? [vscode.l10n.t('Could not be read, so not checked (revoking will wait until they can be): {0}', unreadable.join(', '))] : []),
        vscode.l10n.t('The old key is revoked only if you confirm, after every file is updated.'),
      ].join('\n'),
    },
    rotate,
  );
  if (confirm !== rotate) {
    return undefined;
  }

  let created;
  try {
    const client = await signedInClient(s, node.org.origin);
    if (!client) {
      return undefined;
    }
    const expiresAt = sameLifetime(toDate(old.createdAt)?.getTime() ?? Date.now(), toDate(old.expiresAt)?.getTime(), new Date());
    // Recorded before the request: if this host dies before every file is written, the next start
    // finds the new key and says which files still hold the old one.
    const files = [...new Set(usages.map((u) => u.path))];
    const entryId = (await s.journal.begin({ intent: 'rotate', origin: node.org.origin, organizationId: node.org.org.id, keyName: old.name, oldKeyId: old.id, files })).id;
    try {
      created = await withCancellableProgress(vscode.l10n.t('Creating the replacement for "{0}"…', old.name), (signal) =>
        client.createApiKey(node.org.org.id, { name: old.name, scopes: [...old.scopes], expires_at: expiresAt }, signal),
      );
    } catch (e) {
      await endUnlessKeyMayExist(s, entryId, e);
      throw e;
    }
    s.log.protect(created.secret);
    s.log.info(`Rotation: created ${created.token.id} (${created.token.keyPrefix}…) to replace ${old.id} (${old.keyPrefix}…).`);
    const held = s.session.remember(node.org.org.id, created.token, created.secret, node.org.origin);
    await s.state.rememberCreatedKey(node.org.org.id, created.token, node.org.origin);
    s.keyCreated.fire({ origin: node.org.origin, orgId: node.org.org.id, key: created.token });

    // Replace the old secret in every file that held it, each planned again on the file as it is
    // when it is written: a line added meanwhile is kept, a value changed meanwhile is left alone.
    const byFile = new Map<string, LocatedUsage>();
    for (const u of usages) {
      if (!byFile.has(u.path)) byFile.set(u.path, u);
    }
    const otherPrefixes = others.map((k) => k.keyPrefix);
    const plan: RotationPlan = { edits: [], skipped: [] };
    const results: WriteResult[] = [];
    for (const [path, u] of byFile) {
      const skip = (reason: string, holdsOldKey: boolean) => plan.skipped.push({ path, reason, holdsOldKey });
      const folder = vscode.workspace.getWorkspaceFolder(u.uri);
      if (!folder || !vscode.workspace.isTrusted) {
        skip(folder ? vscode.l10n.t('the workspace is not trusted') : vscode.l10n.t('it is not in a workspace folder'), true);
        continue;
      }
      let filePlan: RotationPlan | undefined;
      let gone = false;
      const secret = created.secret;
      try {
        const result = await updateTextFile(u.uri, folder, (current) => {
          gone = current === undefined;
          if (current === undefined) {
            filePlan = undefined;
            return { refuse: vscode.l10n.t('it was deleted') };
          }
          filePlan = planRotation([{ path, text: current }], old.keyPrefix, secret, otherPrefixes);
          const edit = filePlan.edits[0];
          return edit ? { edit: edit.edit } : { keep: true };
        }, (m) => s.log.info(m));
        if (gone) {
          skip(vscode.l10n.t('it was deleted meanwhile'), false);
        } else if (filePlan) {
          plan.edits.push(...filePlan.edits);
          plan.skipped.push(...filePlan.skipped);
          const done = filePlan.edits[0];
          if (done && result.status === 'written') {
            held.insertedInto.push(done.variables.length ? `${path} — ${done.variables.join(', ')}` : path);
            held.insertedUris.push(u.uri);
            s.log.info(`Rotation: replaced ${done.occurrences} ${done.occurrences === 1 ? 'occurrence' : 'occurrences'} of the old key in ${path} (${[...done.variables, ...done.commentLines.map((l) => `comment line ${l + 1}`)].join(', ')}).`);
            if (result.unsaved) {
              // The buffer holds the new key; the file an application reads still holds the old one.
              results.push({ path, ok: false, error: vscode.l10n.t('its editor holds the new key but has unsaved changes, so the file on disk still holds the old key; save it') });
            } else {
              results.push({ path, ok: true });
            }
          }
        }
        if (!plan.skipped.some((k) => k.path === path && k.holdsOldKey) && !results.some((r) => r.path === path && !r.ok)) {
          await s.journal.fileDone(entryId, path);
        }
      } catch (e) {
        const reason = e instanceof Error ? e.message : String(e);
        // The user reads the sentence in the display language; the log keeps the English one.
        const shown = e instanceof UserFacingError ? userSentence(e) : reason;
        if (!filePlan) {
          // Refused before planning (read-only, a link, outside the folder): the plan on the text as
          // it reads says what was not rotated.
          const text = await readTextSource(u.uri).then((src) => src.text, () => undefined);
          filePlan = text === undefined ? undefined : planRotation([{ path, text }], old.keyPrefix, secret, otherPrefixes);
        }
        if (filePlan && filePlan.edits.length > 0) {
          plan.edits.push(...filePlan.edits);
          results.push({ path, ok: false, error: shown });
        } else if (filePlan) {
          plan.skipped.push(...filePlan.skipped);
        } else {
          // Nothing to plan on (not UTF-8, say): it held the old key when the files were read, so it still does.
          skip(shown, true);
        }
        s.log.error(`Rotation: could not update ${path}: ${reason}`);
      }
    }
    // The keychain: the new secret kept, the variables moved to the new key, the old secret removed.
    let keychainFailed: string | undefined;
    if (heldFor.length > 0) {
      try {
        const moved = await s.heldKeys.rotate(heldRef, { ...created.token, origin: node.org.origin, orgId: node.org.org.id }, created.secret);
        held.keptFor.push(...moved);
        s.log.info(`Rotation: the keychain holds the new key for ${moved.join(', ')}.`);
      } catch (e) {
        keychainFailed = vscode.l10n.t('The keychain still holds the old key for {0}: {1}', heldFor.join(', '), e instanceof UserFacingError ? userSentence(e) : String(e));
        s.log.error(`Rotation: could not update the keychain for ${heldFor.join(', ')}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    await s.journal.end(entryId);
    // Look again: every .env file the workspace holds, read afresh, not only the planned ones.
    usage.invalidate();
    const again = await lookAgain(usage, old, others, created.secret);
    const outcome = rotationOutcome(plan, results, again, old, created.token, localize);
    let revokedOld = false;
    if (outcome.revokeOld === 'offer' && keychainFailed === undefined) {
      // One result dialog: what was written, and whether to revoke the old key now (its close button keeps it).
      const revokeNow = vscode.l10n.t('Revoke Old Key');
      const places = outcome.written.length + (heldFor.length > 0 ? 1 : 0);
      const choice = await s.ui.message(
        'info',
        places === 1
          ? vscode.l10n.t('"{0}" was rotated: 1 place now holds the new key.', old.name)
          : vscode.l10n.t('"{0}" was rotated: {1} places now hold the new key.', old.name, places),
        {
          modal: true,
          closeTitle: vscode.l10n.t('Keep Old Key Active'),
          detail: `${outcome.summary}\n${vscode.l10n.t('Revoke the old key ({0}…) now? Anything still using it stops working.', old.keyPrefix)}`,
        },
        revokeNow,
      );
      if (choice === revokeNow) {
        await client.revokeApiKey(node.org.org.id, old.id);
        tree.markRevoked(node, Date.now());
        await s.state.markCreatedKeyRevoked(old.id, Date.now());
        s.log.info(`Rotation: revoked the old key ${old.id}.`);
        revokedOld = true;
      }
    } else {
      await s.ui.message('warning', vscode.l10n.t('Rotation incomplete: the old key was not revoked.'), { modal: true, detail: [outcome.summary, keychainFailed].filter(Boolean).join('\n') });
    }
    const result = revokedOld
      ? vscode.l10n.t('Rotated "{0}": the old key ({1}…) was revoked.', old.name, old.keyPrefix)
      : vscode.l10n.t('Rotated "{0}": the old key ({1}…) stays active until you revoke it.', old.name, old.keyPrefix);
    if (held.insertedInto.length > 0 || held.keptFor.length > 0) {
      // The new secret is where the old one was: the flow ends with a notification, not another modal.
      announceHeld(s, held, result);
    } else {
      void s.ui.message('info', result, {});
      await offerSecret(s, held, vscode.l10n.t('New key for "{0}" ({1}…).', old.name, created.token.keyPrefix));
    }
    return { newKeyId: created.token.id, written: outcome.written, failed: outcome.failed, revokedOld };
  } catch (e) {
    if (e instanceof ApiError && e.kind === 'unsupported') {
      await s.ui.message('warning', vscode.l10n.t('This server does not support revoking keys; the old key stays active.'), {});
      return undefined;
    }
    await showError(s, vscode.l10n.t('Rotating the key'), e);
    return created ? { newKeyId: created.token.id, written: [], failed: [], revokedOld: false } : undefined;
  }
}

/** The usages of the old key, with every other key known so that the longest prefix decides whose a secret is. */
async function usagesOfOld(usage: EnvIndex, old: PublicApiKey, others: readonly PublicApiKey[]): Promise<LocatedUsage[]> {
  return (await usage.usagesOf([old, ...others])).filter((u) => u.keyId === old.id);
}

/**
 * Reads every `.env` file of the workspace again (the caller invalidated the index) and says which
 * still hold the old key, which could not be read, and whether the file cap stopped the reading.
 */
async function lookAgain(usage: EnvIndex, old: PublicApiKey, others: readonly PublicApiKey[], secret: string): Promise<LookAgain> {
  const holding = new Map<string, LocatedUsage[]>();
  for (const u of await usagesOfOld(usage, old, others)) {
    holding.set(u.path, [...(holding.get(u.path) ?? []), u]);
  }
  if (secret.startsWith(old.keyPrefix)) {
    // The new key's visible prefix can be the old one's (prefixes are short): the new secret is not the old key.
    for (const [path, found] of holding) {
      const text = await readTextSource(found[0].uri).then((src) => src.text, () => undefined);
      if (text !== undefined && found.every((u) => text.slice(u.start, u.end) === secret)) {
        holding.delete(path);
      }
    }
  }
  return { holding: [...holding.keys()], unreadable: usage.unreadable(), stoppedAfter: usage.stoppedAfter() };
}

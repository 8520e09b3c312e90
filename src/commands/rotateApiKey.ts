import * as vscode from 'vscode';
import { isApiError, isUserFacingError } from '../core/errors';
import { sameLifetime } from '../core/expiry';
import { planRotation, type RotationPlan } from '../core/rotate';
import { rotationOutcome, type WriteResult } from '../core/rotationOutcome';
import { formatDate, toDate } from '../core/timestamps';
import { describeUsage } from '../core/usage';
import { localize, userSentence } from '../platform/l10n';
import { readTextSource, updateTextFile } from '../platform/textFiles';
import type { LocatedUsage } from '../dotenvFiles/usageIndex';
import type { Usages } from '../dotenvFiles/usages';
import { withCancellableProgress } from '../platform/progress';
import { showError } from '../ui/showError';
import type { Services } from '../services';
import type { ApiKeysTree, KeyNode } from '../views/apiKeysTree';
import { offerSecret } from '../ui/offerSecret';
import { signedInClient } from '../connection';
import { endUnlessKeyMayExist } from './createApiKey';
import { variablesOf } from '../core/heldKeys';

export interface RotationResult {
  newKeyId?: string;
  written: string[];
  failed: string[];
  revokedOld: boolean;
}

/**
 * `vued.rotateApiKey`: confirm → create a replacement (same organization, name, scopes and
 * lifetime; one POST) → replace the old value in every file that holds it → only if every write
 * succeeded, offer to revoke the old key. The new secret is offered for Copy like a created one.
 */
export async function rotateApiKeyCommand(s: Services, tree: ApiKeysTree, usage: Usages, node?: KeyNode): Promise<RotationResult | undefined> {
  if (!node || node.status === 'revoked') {
    return undefined;
  }
  const old = node.key;
  usage.invalidate();
  const usages = await usage.usagesOf([old]);
  const places = usages.map((u) => describeUsage(u));
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
        vscode.l10n.t('A new key with the same name, scopes and lifetime is created, then the old value is replaced in:'),
        places.length ? places.map((p) => `• ${p}`).join('\n') : vscode.l10n.t('(no .env file in this workspace holds it)'),
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

    // Replace the value in every file that held the old key, each planned again on the file as it
    // is when it is written: a line added meanwhile is kept, a value changed meanwhile is left alone.
    const byFile = new Map<string, { usage: LocatedUsage; variables: string[] }>();
    for (const u of usages) {
      const f = byFile.get(u.path) ?? { usage: u, variables: [] };
      if (!f.variables.includes(u.variable)) {
        f.variables.push(u.variable);
      }
      byFile.set(u.path, f);
    }
    const plan: RotationPlan = { edits: [], skipped: [] };
    const results: WriteResult[] = [];
    for (const [path, { usage: u, variables }] of byFile) {
      const skipAll = (reason: string, holdsOldKey: boolean) => plan.skipped.push(...variables.map((variable) => ({ path, variable, reason, holdsOldKey })));
      const folder = vscode.workspace.getWorkspaceFolder(u.uri);
      if (!folder || !vscode.workspace.isTrusted) {
        skipAll(folder ? vscode.l10n.t('the workspace is not trusted') : vscode.l10n.t('it is not in a workspace folder'), true);
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
          filePlan = planRotation(variables.map((variable) => ({ path, variable, text: current })), old.keyPrefix, secret);
          const edit = filePlan.edits[0];
          return edit ? { edit: edit.edit } : { keep: true };
        }, (m) => s.log.info(m));
        if (gone) {
          skipAll(vscode.l10n.t('it was deleted meanwhile'), false);
        } else if (filePlan) {
          plan.edits.push(...filePlan.edits);
          plan.skipped.push(...filePlan.skipped);
          if (result.status === 'written') {
            results.push({ path, ok: true });
            const done = filePlan.edits[0].variables;
            held.insertedInto.push(`${path} — ${done.join(', ')}`);
            s.log.info(`Rotation: replaced ${done.join(', ')} in ${path}.`);
          }
        }
        if (!plan.skipped.some((k) => k.path === path && k.holdsOldKey)) {
          await s.journal.fileDone(entryId, path);
        }
      } catch (e) {
        const reason = e instanceof Error ? e.message : String(e);
        // The user reads the sentence in the display language; the log keeps the English one.
        const shown = isUserFacingError(e) ? userSentence(e) : reason;
        if (!filePlan) {
          // Refused before planning (read-only, a link, outside the folder): the plan on the text as
          // it reads says which variables were not rotated.
          const text = await readTextSource(u.uri).then((src) => src.text, () => undefined);
          filePlan = text === undefined ? undefined : planRotation(variables.map((variable) => ({ path, variable, text })), old.keyPrefix, secret);
        }
        if (filePlan && filePlan.edits.length > 0) {
          plan.edits.push(...filePlan.edits);
          plan.skipped.push(...filePlan.skipped);
          results.push({ path, ok: false, error: shown });
        } else {
          skipAll(shown, true);
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
        keychainFailed = vscode.l10n.t('The keychain still holds the old key for {0}: {1}', heldFor.join(', '), isUserFacingError(e) ? userSentence(e) : String(e));
        s.log.error(`Rotation: could not update the keychain for ${heldFor.join(', ')}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    await s.journal.end(entryId);
    usage.invalidate();
    const outcome = rotationOutcome(plan, results, old, created.token, localize);
    let revokedOld = false;
    if (outcome.revokeOld === 'offer' && keychainFailed === undefined) {
      const revokeNow = vscode.l10n.t('Revoke Old Key');
      const keep = vscode.l10n.t('Keep It Active');
      const choice = await s.ui.message(
        'info',
        vscode.l10n.t('"{0}" was rotated: {1} place(s) now hold the new key.', old.name, outcome.written.length + (heldFor.length > 0 ? 1 : 0)),
        { modal: true, detail: vscode.l10n.t('Revoke the old key ({0}…) now? Anything still using it stops working.', old.keyPrefix) },
        revokeNow,
        keep,
      );
      if (choice === revokeNow) {
        await client.revokeApiKey(node.org.org.id, old.id);
        tree.markRevoked(node, Date.now());
        await s.state.markCreatedKeyRevoked(old.id, Date.now());
        s.log.info(`Rotation: revoked the old key ${old.id}.`);
        revokedOld = true;
      } else {
        void s.ui.message('info', vscode.l10n.t('The old key "{0}" ({1}…) stays active until you revoke it.', old.name, old.keyPrefix), {});
      }
    } else {
      await s.ui.message('warning', vscode.l10n.t('Rotation incomplete: the old key was not revoked.'), { modal: true, detail: [outcome.summary, keychainFailed].filter(Boolean).join('\n') });
    }
    await offerSecret(s, held, vscode.l10n.t('New key for "{0}" ({1}…).', old.name, created.token.keyPrefix));
    return { newKeyId: created.token.id, written: outcome.written, failed: outcome.failed, revokedOld };
  } catch (e) {
    if (isApiError(e) && e.kind === 'unsupported') {
      await s.ui.message('warning', vscode.l10n.t('This server does not support revoking keys; the old key stays active.'), {});
      return undefined;
    }
    await showError(s, vscode.l10n.t('Rotating the key'), e);
    return created ? { newKeyId: created.token.id, written: [], failed: [], revokedOld: false } : undefined;
  }
}

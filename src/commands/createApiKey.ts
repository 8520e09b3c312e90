import * as vscode from 'vscode';
import { CreatedPublicApiKey } from '../core/api/types';
import { copiedText, copySecret, insertSecretIntoEnv } from '../env/insertSecret';
import { readConfig } from '../platform/config';
import { createClient } from '../platform/http';
import { withCancellableProgress } from '../platform/progress';
import { showError } from '../platform/showError';
import { HeldSecret } from '../secretSession';
import { Services } from '../services';
import { askCreateKeyInputs } from '../ui/createKeyInputs';
import { currentApi, ensureToken } from './token';

export interface CreatedKey {
  orgId: string;
  key: CreatedPublicApiKey['token'];
}

/** Only one create at a time per window: a second Enter or a second command start creates nothing. */
let creating = false;

/**
 * `vued.createApiKey`: ask → POST once → keep the secret in memory → offer Copy / Insert until done.
 * Returns the created key's metadata (never the secret), or undefined.
 */
export async function createApiKeyCommand(s: Services, presetOrgId?: string, onCreated?: (held: HeldSecret) => Promise<void>): Promise<CreatedKey | undefined> {
  if (creating) {
    void s.ui.message('info', vscode.l10n.t('An API key is already being created.'), {});
    return undefined;
  }
  creating = true;
  let failure: { error: unknown } | undefined;
  try {
    return await createApiKeyFlow(s, presetOrgId, onCreated);
  } catch (e) {
    failure = { error: e };
    return undefined;
  } finally {
    // Released before the error is shown: an error notification can stay open for a long time,
    // and the user must be able to try again meanwhile.
    creating = false;
    if (failure) {
      await showError(s, vscode.l10n.t('Creating the API key'), failure.error);
    }
  }
}

async function createApiKeyFlow(s: Services, presetOrgId?: string, onCreated?: (held: HeldSecret) => Promise<void>): Promise<CreatedKey | undefined> {
  const api = await currentApi(s);
  if (!api) {
    return undefined;
  }
  const token = await ensureToken(s, api);
  if (!token) {
    return undefined;
  }
  const config = readConfig();
  const inputs = await askCreateKeyInputs(s.ui, {
    defaultOrgId: config.defaultOrgId,
    recentOrgIds: s.state.recentOrgIds(),
    defaultScopes: config.defaultScopes,
    orgId: presetOrgId,
  });
  if (!inputs) {
    s.log.info('Create API key: cancelled before anything was sent.');
    return undefined;
  }
  const client = createClient(api.baseUrl, token.value, s.log);
  const created = await withCancellableProgress(vscode.l10n.t('Creating API key "{0}"…', inputs.name), (signal) =>
    client.createApiKey(inputs.orgId, { name: inputs.name, scopes: inputs.scopes, expires_at: inputs.expiresAt }, signal),
  );
  s.log.protect(created.secret);
  const held = s.session.remember(inputs.orgId, created.token, created.secret);
  // Remembered in the background: the secret is offered without waiting for the state to be written.
  void Promise.all([s.state.rememberOrg(inputs.orgId), s.state.rememberCreatedKey(inputs.orgId, created.token)]).catch((e: unknown) =>
    s.log.warn(`Could not remember the new key's organization and metadata: ${e instanceof Error ? e.message : String(e)}`),
  );
  s.keyCreated.fire({ orgId: inputs.orgId, key: created.token });
  s.log.info(`Created API key ${created.token.id} (${created.token.keyPrefix}…) in organization ${inputs.orgId}, expires: ${inputs.expiryLabel}.`);
  // A caller that puts the secret somewhere (Replace with a new key…) does so before it is offered.
  await onCreated?.(held);
  await offerSecret(s, held);
  return { orgId: inputs.orgId, key: created.token };
}

/**
 * The one-time secret: offered for Copy and Insert until the user is done. Finishing without either
 * asks first, since the server will never show it again.
 */
export async function offerSecret(s: Services, held: HeldSecret, heading?: string): Promise<void> {
  const copy = vscode.l10n.t('Copy to Clipboard');
  const insert = vscode.l10n.t('Insert into .env File…');
  const done = vscode.l10n.t('Done');
  let copied = '';
  for (;;) {
    const status = [
      copied,
      held.insertedInto.length ? vscode.l10n.t('Inserted into {0}.', held.insertedInto.join(', ')) : '',
    ].filter(Boolean).join(' ');
    const choice = await s.ui.message(
      'info',
      heading ?? vscode.l10n.t('Created API key "{0}" ({1}…).', held.key.name, held.key.keyPrefix),
      {
        modal: true,
        closeTitle: done,
        detail: status || vscode.l10n.t('Its secret is shown only once: copy it or insert it into a .env file now.'),
      },
      copy,
      insert,
    );
    if (choice === copy) {
      copied = copiedText(await copySecret(held));
      s.log.info(`Copied the secret of key ${held.key.id} to the clipboard.`);
      continue;
    }
    if (choice === insert) {
      try {
        await insertSecretIntoEnv(s, held);
      } catch (e) {
        await showError(s, vscode.l10n.t('Inserting the secret'), e);
      }
      continue;
    }
    if (held.copied || held.insertedInto.length > 0) {
      return;
    }
    const finish = vscode.l10n.t('Finish Without Saving It');
    const sure = await s.ui.message(
      'warning',
      vscode.l10n.t('The secret of "{0}" has not been copied or inserted anywhere.', held.key.name),
      {
        modal: true,
        closeTitle: vscode.l10n.t('Go Back'),
        detail: vscode.l10n.t('Vued will not show it again. Until this window closes, "Vued: Insert Last Created Secret into .env File" can still insert it.'),
      },
      finish,
    );
    if (sure === finish) {
      return;
    }
  }
}

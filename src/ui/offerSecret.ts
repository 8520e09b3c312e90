import * as vscode from 'vscode';
import { copiedText, copySecret, insertSecretIntoEnv } from '../dotenvFiles/insertSecret';
import type { HeldSecret } from '../secretSession';
import type { Services } from '../services';
import { showError } from './showError';

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
      copied = copiedText(await copySecret(s, held));
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

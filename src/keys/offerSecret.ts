import * as vscode from 'vscode';
import { insertSecretIntoEnv } from '../envFiles/insertSecret';
import { useInTerminals } from './holdSecret';
import { copiedText, copySecret, type HeldSecret } from './heldSecret';
import type { Services } from '../services';
import { showError } from '../ui/showError';

/**
 * The one-time secret: offered for Copy, Insert and Use in Terminals and Debugging until the user is
 * done. Finishing without any of them asks first, since the server will never show it again. Once
 * it is in a `.env` file (inserted here, or written before the offer by Replace with a new key…),
 * the flow ends with a notification instead of asking again.
 */
export async function offerSecret(s: Services, held: HeldSecret, heading?: string): Promise<void> {
  if (held.insertedInto.length > 0) {
    announceHeld(s, held);
    return;
  }
  const copy = vscode.l10n.t('Copy to Clipboard');
  const insert = vscode.l10n.t('Insert into .env File…');
  const terminals = vscode.l10n.t('Use in Terminals and Debugging');
  const done = vscode.l10n.t('Done');
  let copied = '';
  for (;;) {
    const status = [
      copied,
      held.insertedInto.length ? vscode.l10n.t('Inserted into {0}.', held.insertedInto.join(', ')) : '',
      held.keptFor.length ? vscode.l10n.t('Kept in the keychain for {0} (this workspace\'s terminals and debugging).', held.keptFor.join(', ')) : '',
    ].filter(Boolean).join(' ');
    const choice = await s.ui.message(
      'info',
      heading ?? vscode.l10n.t('Created API key "{0}" ({1}…).', held.key.name, held.key.keyPrefix),
      {
        modal: true,
        closeTitle: done,
        detail: status || vscode.l10n.t('Its secret can be copied only now: copy it, insert it into a .env file, or keep it in the keychain for this workspace\'s terminals and debugging.'),
      },
      copy,
      insert,
      terminals,
    );
    if (choice === copy) {
      copied = copiedText(await copySecret(s.clipboard, held));
      s.log.info(`Copied the secret of key ${held.key.id} to the clipboard.`);
      continue;
    }
    if (choice === insert) {
      try {
        if (await insertHeldSecret(s, held)) {
          announceHeld(s, held);
          return;
        }
      } catch (e) {
        await showError(s, vscode.l10n.t('Inserting the secret'), e);
      }
      continue;
    }
    if (choice === terminals) {
      try {
        await useInTerminals(s, held);
      } catch (e) {
        await showError(s, vscode.l10n.t('Keeping the key in the keychain'), e);
      }
      continue;
    }
    if (held.copied || held.insertedInto.length > 0 || held.keptFor.length > 0) {
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

/**
 * Inserts the held secret into a `.env` file of the workspace; with no folder open, says so and
 * offers to copy it instead. Returns where it was written, or undefined.
 */
export async function insertHeldSecret(s: Services, held: HeldSecret): Promise<string | undefined> {
  if (!vscode.workspace.workspaceFolders?.length) {
    const copy = vscode.l10n.t('Copy to Clipboard');
    const choice = await s.ui.message('warning', vscode.l10n.t('Open a folder to insert the secret into a .env file.'), {}, copy);
    if (choice === copy) {
      void s.ui.message('info', copiedText(await copySecret(s.clipboard, held)), {});
    }
    return undefined;
  }
  return insertSecretIntoEnv(s, held);
}

/**
 * The end of a flow that put the secret somewhere: one notification saying where, with Copy Secret
 * (while this window still holds it) and Open .env. Not awaited: the flow is over when it shows.
 */
export function announceHeld(s: Services, held: HeldSecret, lead?: string): void {
  const copy = vscode.l10n.t('Copy Secret');
  const open = vscode.l10n.t('Open .env');
  const text = [
    lead,
    held.insertedInto.length ? vscode.l10n.t('Inserted into {0}.', held.insertedInto.join(', ')) : '',
    held.keptFor.length ? vscode.l10n.t('Kept in the keychain for {0} (this workspace\'s terminals and debugging).', held.keptFor.join(', ')) : '',
    vscode.l10n.t('The secret can be copied only now, while this window holds it.'),
  ].filter(Boolean).join(' ');
  const actions = held.insertedUris.length > 0 ? [copy, open] : [copy];
  void s.ui.message('info', text, {}, ...actions).then(async (choice) => {
    if (choice === copy) {
      if (s.session.last !== held) {
        await s.ui.message('warning', vscode.l10n.t('This window no longer holds the secret of "{0}".', held.key.name), {});
        return;
      }
      void s.ui.message('info', copiedText(await copySecret(s.clipboard, held)), {});
      s.log.info(`Copied the secret of key ${held.key.id} to the clipboard.`);
    } else if (choice === open) {
      await vscode.window.showTextDocument(held.insertedUris[0]);
    }
  }).then(undefined, (e: unknown) => showError(s, vscode.l10n.t('Copying the secret'), e));
}

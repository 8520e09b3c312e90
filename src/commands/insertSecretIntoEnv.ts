import * as vscode from 'vscode';
import { insertHeldSecret } from '../keys/offerSecret';
import { showError } from '../ui/showError';
import type { Services } from '../services';

/** `vued.insertSecretIntoEnv`: the last secret created in this window, into a .env file. */
export async function insertSecretIntoEnvCommand(s: Services, keyId?: string): Promise<string | undefined> {
  const held = s.session.last;
  if (!held || (keyId !== undefined && held.key.id !== keyId)) {
    await s.ui.message(
      'info',
      vscode.l10n.t('This window holds no secret to insert. A secret is kept only in the window that created the key, until it closes.'),
      {},
    );
    return undefined;
  }
  try {
    const where = await insertHeldSecret(s, held);
    if (where) {
      void s.ui.message('info', vscode.l10n.t('Inserted the secret of "{0}" into {1}.', held.key.name, where), {});
    }
    return where;
  } catch (e) {
    await showError(s, vscode.l10n.t('Inserting the secret'), e);
    return undefined;
  }
}

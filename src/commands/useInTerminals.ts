import * as vscode from 'vscode';
import { useInTerminals } from '../keys/holdSecret';
import { showError } from '../ui/showError';
import type { Services } from '../services';

/** `vued.useInTerminals`: the last secret created in this window, kept in the keychain for this workspace's terminals and debug sessions. */
export async function useInTerminalsCommand(s: Services, keyId?: string): Promise<string | undefined> {
  const held = s.session.last;
  if (!held || (keyId !== undefined && held.key.id !== keyId)) {
    await s.ui.message(
      'info',
      vscode.l10n.t('This window holds no secret to keep. A secret is kept only in the window that created the key, until it closes.'),
      {},
    );
    return undefined;
  }
  try {
    const variable = await useInTerminals(s, held);
    if (variable) {
      void s.ui.message('info', vscode.l10n.t('Kept the secret of "{0}" in the keychain: this workspace\'s debug sessions and "New Terminal with Vued Keys" get it as {1}.', held.key.name, variable), {});
    }
    return variable;
  } catch (e) {
    await showError(s, vscode.l10n.t('Keeping the key in the keychain'), e);
    return undefined;
  }
}

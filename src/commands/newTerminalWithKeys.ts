import * as vscode from 'vscode';
import { workspaceTrusted } from '../ui/trust';
import { Settings } from '../constants';
import { readConfig } from '../platform/config';
import { showError } from '../ui/showError';
import type { Services } from '../services';

/**
 * `vued.newTerminalWithKeys`: a terminal whose environment holds the variables kept in the keychain
 * for this workspace. It is transient (`isTransient`): VS Code never restores it, so neither its
 * environment nor its scrollback is saved for the next window. The shared terminal environment
 * (`environmentVariableCollection`) is not used: "Terminal: Show Environment Contributions" prints
 * its values (test/e2e/terminalEnvProbe.ts), so a key there could be read off the screen.
 */
export async function newTerminalWithKeysCommand(s: Services): Promise<vscode.Terminal | undefined> {
  try {
    if (!(await workspaceTrusted(s.ui, vscode.l10n.t('Terminals get Vued keys only in a trusted workspace.')))) {
      return undefined;
    }
    if (!readConfig().injectTerminals) {
      const open = vscode.l10n.t('Open Settings');
      const choice = await s.ui.message('info', vscode.l10n.t('Terminals get no Vued keys: vued.inject.terminals is off.'), {}, open);
      if (choice === open) {
        await vscode.commands.executeCommand('workbench.action.openSettings', `${Settings.section}.${Settings.injectTerminals}`);
      }
      return undefined;
    }
    if (s.heldKeys.mappings().length === 0) {
      await s.ui.message('info', vscode.l10n.t('No key is kept in the keychain for this workspace. Create a key and choose "Use in Terminals and Debugging", or choose "Keep in Keychain Instead" on a .env line.'), {});
      return undefined;
    }
    const { env, missing } = await s.heldKeys.environment();
    const names = Object.keys(env).sort();
    if (missing.length > 0) {
      s.log.warn(`The keychain no longer holds the secret for ${missing.map((m) => `${m.variable} (key ${m.keyId})`).join(', ')}.`);
      void s.ui.message('warning', vscode.l10n.t('The keychain no longer holds the secret for {0}, so terminals do not get it. Forget it here, or keep the key again.', missing.map((m) => m.variable).join(', ')), {});
    }
    if (names.length === 0) {
      return undefined;
    }
    const terminal = vscode.window.createTerminal({ name: vscode.l10n.t('Vued Keys'), env, isTransient: true, iconPath: new vscode.ThemeIcon('key') });
    terminal.show();
    s.log.info(`Opened a terminal with ${names.join(', ')} from the keychain.`);
    return terminal;
  } catch (e) {
    await showError(s, vscode.l10n.t('Opening a terminal with Vued keys'), e);
    return undefined;
  }
}

import * as vscode from 'vscode';
import { workspaceTrusted } from '../ui/trust';
import type { HeldKeyRef } from '../core/keys/keychain';
import { newEnvNameProblem } from '../core/dotenv/names';
import { readConfig } from '../platform/config';
import { problemText } from '../platform/l10n';
import type { HeldSecret } from './heldSecret';
import type { Services } from '../services';

/**
 * Use in Terminals and Debugging: asks for the variable and keeps the secret in the keychain
 * (SecretStorage) for this workspace's terminals and debug sessions; nothing is written to a file.
 * Returns the variable, or undefined when the user stopped.
 */
export async function useInTerminals(s: Services, held: HeldSecret): Promise<string | undefined> {
  if (!(await canHoldHere(s))) {
    return undefined;
  }
  const ref = { origin: held.origin, keyId: held.key.id };
  const variable = await askHeldVariable(s, ref, held.key.name, readConfig().envVariableName);
  if (!variable) {
    return undefined;
  }
  await s.heldKeys.hold({ origin: held.origin, orgId: held.orgId, id: held.key.id, name: held.key.name, keyPrefix: held.key.keyPrefix }, held.secret, variable);
  if (!held.keptFor.includes(variable)) {
    held.keptFor.push(variable);
  }
  s.log.info(`Kept the secret of key ${held.key.id} in the keychain for ${variable} (this workspace's terminals and debug sessions).`);
  return variable;
}

/** A workspace folder is open and trusted; otherwise says why not and returns false. */
export async function canHoldHere(s: Services): Promise<boolean> {
  if (!vscode.workspace.workspaceFolders?.length) {
    await s.ui.message('warning', vscode.l10n.t('Open a folder to use a key in its terminals and debug sessions.'), {});
    return false;
  }
  if (!(await workspaceTrusted(s.ui, vscode.l10n.t('Using a key in terminals and debug sessions needs a trusted workspace.')))) {
    return false;
  }
  return true;
}

/**
 * The variable that will stand for the key `ref` (named `keyName`) in this workspace, validated
 * like a new `.env` name; asks again before taking a variable that stands for another key.
 * `ask: false` takes `initial` as it is when it is valid and free (or already this key's).
 */
export async function askHeldVariable(s: Services, ref: HeldKeyRef, keyName: string, initial: string, ask = true): Promise<string | undefined> {
  let value = initial;
  for (;;) {
    let name = value;
    if (ask || newEnvNameProblem(name) !== undefined) {
      const typed = await s.ui.input({
        title: vscode.l10n.t('Vued: Use in Terminals and Debugging'),
        prompt: vscode.l10n.t('Variable that this workspace\'s terminals and debug sessions get the secret of "{0}" in', keyName),
        value,
        validate: (v) => problemText(newEnvNameProblem(v.trim())),
      });
      if (typeof typed !== 'string') {
        return undefined;
      }
      name = typed.trim();
    }
    const other = s.heldKeys.mappings().find((m) => m.variable === name && !(m.origin === ref.origin && m.keyId === ref.keyId));
    if (!other) {
      return name;
    }
    const replace = vscode.l10n.t('Replace');
    const another = vscode.l10n.t('Use Another Name');
    const choice = await s.ui.message(
      'warning',
      vscode.l10n.t('{0} already stands for the key "{1}" in this workspace.', name, other.keyName),
      { modal: true, detail: vscode.l10n.t('Replace has {0} stand for "{1}" instead. The secret of "{2}" leaves the keychain unless another variable stands for it.', name, keyName, other.keyName) },
      replace,
      another,
    );
    if (choice === replace) {
      return name;
    }
    if (choice !== another) {
      return undefined;
    }
    value = name;
    ask = true;
  }
}

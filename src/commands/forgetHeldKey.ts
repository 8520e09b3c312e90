import * as vscode from 'vscode';
import { heldKeysOf, heldKeysOnHost, type HeldKey, type HeldKeyMapping, type HeldKeyRef, variablesOf } from '../core/keys/keychain';
import { hostOfOrigin } from '../core/connection/hosts';
import { showError } from '../ui/showError';
import type { Services } from '../services';

/** What Forget acts on: a key (every variable standing for it), or some of its variables. */
export interface ForgetTarget extends HeldKeyRef {
  variables?: string[];
}

/**
 * `vued.forgetHeldKey` (*Forget*): the key's secret leaves the keychain and this workspace's
 * terminals and debug sessions no longer get its variables. From a key's row, a variable's row, or
 * the palette (which asks which one). Asks first: Vued cannot show the secret again.
 */
export async function forgetHeldKeyCommand(s: Services, target?: ForgetTarget): Promise<HeldKeyMapping[]> {
  try {
    const mappings = s.heldKeys.mappings();
    if (!target) {
      if (mappings.length === 0) {
        await s.ui.message('info', vscode.l10n.t('No key is kept in the keychain for this workspace.'), {});
        return [];
      }
      const picked = await s.ui.pick<ForgetTarget>({
        title: vscode.l10n.t('Vued: Forget'),
        placeholder: vscode.l10n.t('Which key kept in the keychain should this workspace forget?'),
        items: heldKeysOf(mappings).map((k) => ({
          label: k.variables.join(', '),
          description: `${k.keyName} (${k.keyPrefix}…)`,
          detail: hostOfOrigin(k.origin),
          value: { origin: k.origin, keyId: k.keyId },
        })),
      });
      if (!picked || typeof picked !== 'object') {
        return [];
      }
      target = picked;
    }
    const key = heldKeysOf(mappings).find((k) => k.origin === target!.origin && k.keyId === target!.keyId);
    if (!key) {
      return [];
    }
    const variables = (target.variables ?? key.variables).filter((v) => key.variables.includes(v));
    const others = key.variables.filter((v) => !variables.includes(v));
    const forget = vscode.l10n.t('Forget');
    const choice = await s.ui.message(
      'warning',
      vscode.l10n.t('Forget the key "{0}" kept for {1}?', key.keyName, variables.join(', ')),
      {
        modal: true,
        detail: others.length > 0
          ? vscode.l10n.t('Terminals and debug sessions of this workspace no longer get {0}; the secret stays in the keychain for {1}.', variables.join(', '), others.join(', '))
          : vscode.l10n.t('Its secret leaves the keychain, and terminals and debug sessions of this workspace no longer get {0}. Vued cannot show the secret again; the key itself stays active until you revoke it.', variables.join(', ')),
      },
      forget,
    );
    if (choice !== forget) {
      return [];
    }
    const removed = await s.heldKeys.forget(key, variables);
    s.log.info(`Forgot ${removed.map((m) => m.variable).join(', ')} (key ${key.keyId})${others.length === 0 ? '; its secret left the keychain' : ''}.`);
    return removed;
  } catch (e) {
    await showError(s, vscode.l10n.t('Forgetting the key'), e);
    return [];
  }
}

/** After a revocation: the key still kept in the keychain here is of no use any more; offers to forget it. */
export async function offerToForgetRevoked(s: Services, ref: HeldKeyRef, keyName: string): Promise<void> {
  const variables = variablesOf(s.heldKeys.mappings(), ref);
  if (variables.length === 0) {
    return;
  }
  const forget = vscode.l10n.t('Forget');
  const choice = await s.ui.message(
    'info',
    vscode.l10n.t('The revoked key "{0}" is still kept in the keychain for {1}.', keyName, variables.join(', ')),
    { modal: true, detail: vscode.l10n.t('Forget it? Terminals and debug sessions of this workspace would otherwise get a key that no longer works.') },
    forget,
  );
  if (choice === forget) {
    await s.heldKeys.forget(ref);
    s.log.info(`Forgot ${variables.join(', ')} (the revoked key ${ref.keyId}); its secret left the keychain.`);
  }
}

/**
 * After signing out of hosts: their keys kept in the keychain for this workspace stay unless the
 * user says otherwise (a key works without the access token); asks, and forgets them on Forget Them.
 */
export async function offerToForgetHostKeys(s: Services, origins: readonly string[]): Promise<void> {
  const mappings = s.heldKeys.mappings();
  const keys: HeldKey[] = origins.flatMap((o) => heldKeysOnHost(mappings, o));
  if (keys.length === 0) {
    return;
  }
  const variables = keys.flatMap((k) => k.variables);
  const forgetThem = vscode.l10n.t('Forget Them');
  const choice = await s.ui.message(
    'info',
    vscode.l10n.t('Keys of {0} are still kept in the keychain for this workspace: {1}.', [...new Set(keys.map((k) => hostOfOrigin(k.origin)))].join(', '), variables.join(', ')),
    {
      modal: true,
      closeTitle: vscode.l10n.t('Keep Them'),
      detail: vscode.l10n.t('Signing out does not forget them: a key works without the access token, and terminals and debug sessions of this workspace keep getting it. Forget them too?'),
    },
    forgetThem,
  );
  if (choice !== forgetThem) {
    s.log.info(`Signed out; kept ${variables.join(', ')} in the keychain, as asked.`);
    return;
  }
  for (const k of keys) {
    await s.heldKeys.forget(k);
  }
  s.log.info(`Signed out; forgot ${variables.join(', ')} and their secrets left the keychain.`);
}

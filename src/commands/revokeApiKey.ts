import * as vscode from 'vscode';
import { Views } from '../constants';
import { ApiError } from '../core/api/errors';
import { parseEnv, removeEnvVariable } from '../core/dotenv';
import { updateTextFile } from '../platform/textFiles';
import type { EnvIndex } from '../envFiles/envIndex';
import type { PublicApiKey } from '../core/api/types';
import { showError } from '../ui/showError';
import type { Services } from '../services';
import { type ApiKeysTree } from '../views/apiKeysTree';
import { type KeyNode } from '../views/tree/keyNode';
import { signedInClient } from '../connection/hostChoice';
import { offerToForgetRevoked } from './forgetHeldKey';

/**
 * `vued.revokeApiKey`: a modal naming the key and its scopes, then one DELETE. Afterwards, if this
 * window still knows the key's secret, offers to remove the variables that hold it from .env files.
 */
export async function revokeApiKeyCommand(s: Services, tree: ApiKeysTree, usage: EnvIndex, node?: KeyNode): Promise<boolean> {
  if (!node || node.status === 'revoked') {
    return false;
  }
  const key = node.key;
  const revoke = vscode.l10n.t('Revoke');
  const scopes = key.scopes.length ? key.scopes.join(', ') : vscode.l10n.t('none');
  const choice = await s.ui.message(
    'warning',
    vscode.l10n.t('Revoke the API key "{0}"?', key.name),
    {
      modal: true,
      detail: vscode.l10n.t('Prefix {0}…, scopes: {1}. Anything using this key stops working at once. This cannot be undone.', key.keyPrefix, scopes),
    },
    revoke,
  );
  if (choice !== revoke) {
    return false;
  }
  try {
    const client = await signedInClient(s, node.org.origin);
    if (!client) {
      return false;
    }
    await vscode.window.withProgress({ location: { viewId: Views.apiKeys }, title: vscode.l10n.t('Revoking "{0}"…', key.name) }, () =>
      client.revokeApiKey(node.org.org.id, key.id),
    );
  } catch (e) {
    if (e instanceof ApiError && e.kind === 'unsupported') {
      s.log.warn(`Revoke not supported by this server: ${e.detail}`);
      await s.ui.message('warning', vscode.l10n.t('This server does not support revoking keys. Revoke "{0}" in the Vued dashboard instead.', key.name), {});
      return false;
    }
    await showError(s, vscode.l10n.t('Revoking the key'), e);
    return false;
  }
  const now = Date.now();
  tree.markRevoked(node, now);
  await s.state.markCreatedKeyRevoked(key.id, now);
  s.log.info(`Revoked API key ${key.id} (${key.keyPrefix}…) in organization ${node.org.org.id}.`);
  const held = s.session.last;
  if (held && held.key.id === key.id) {
    await offerEnvCleanup(s, usage, key, held.secret);
  }
  // A key kept in the keychain for this workspace no longer works either: offered to forget.
  await offerToForgetRevoked(s, { origin: node.org.origin, keyId: key.id }, key.name).catch((e: unknown) => showError(s, vscode.l10n.t('Forgetting the key'), e));
  void s.ui.message('info', vscode.l10n.t('Revoked the API key "{0}".', key.name), {});
  return true;
}

/**
 * Offers to remove the variables that still hold the revoked key's secret. The files come from the
 * usage index (the same prefix scan as the tree's usage rows); a variable is removed only if the
 * definition dotenv reads still holds exactly this secret.
 */
async function offerEnvCleanup(s: Services, usage: EnvIndex, key: PublicApiKey, secret: string): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    return;
  }
  usage.invalidate();
  const holdings = new Map<string, { uri: vscode.Uri; path: string; names: string[] }>();
  for (const u of await usage.usagesOf([key])) {
    if (u.kind !== 'definition') {
      continue; // only variables are removed; a commented-out line is the user's to delete
    }
    const h = holdings.get(u.uri.toString()) ?? { uri: u.uri, path: u.path, names: [] };
    if (!h.names.includes(u.variable)) {
      h.names.push(u.variable);
    }
    holdings.set(u.uri.toString(), h);
  }
  if (holdings.size === 0) {
    return;
  }
  const list = [...holdings.values()].map((h) => `${h.path} — ${h.names.join(', ')}`).join('\n');
  const remove = vscode.l10n.t('Remove from .env Files');
  const choice = await s.ui.message(
    'info',
    vscode.l10n.t('The secret of "{0}" is still in {1} .env file(s).', key.name, holdings.size),
    { modal: true, detail: vscode.l10n.t('Remove these variables (their lines only)?\n{0}', list) },
    remove,
  );
  if (choice !== remove) {
    return;
  }
  // Each removal is planned on the file as it is now: lines added while the question was open stay,
  // and a variable that no longer holds this secret is left alone (and named).
  const leftAlone: string[] = [];
  for (const h of holdings.values()) {
    const folder = vscode.workspace.getWorkspaceFolder(h.uri);
    if (!folder) {
      continue;
    }
    for (const name of h.names) {
      try {
        const result = await updateTextFile(h.uri, folder, (current) => {
          const defs = current === undefined ? [] : parseEnv(current).filter((e) => e.name === name);
          if (current === undefined || defs.length === 0 || defs[defs.length - 1].value !== secret) {
            return { refuse: `${h.path} — ${name}` }; // only the definition dotenv reads is removed, and only if it holds this secret
          }
          const removal = removeEnvVariable(current, name);
          return removal ? { edit: removal.edit } : { keep: true };
        }, (m) => s.log.info(m));
        if (result.status === 'written') {
          s.log.info(`Removed ${name} from ${h.path}.`);
        } else if (result.status === 'refused') {
          leftAlone.push(result.reason);
        }
      } catch (e) {
        await showError(s, vscode.l10n.t('Removing {0} from {1}', name, h.path), e);
      }
    }
  }
  if (leftAlone.length > 0) {
    s.log.info(`Left alone (no longer holding the revoked key's secret): ${leftAlone.join('; ')}.`);
    void s.ui.message('info', vscode.l10n.t('Left alone, since they no longer hold the revoked key: {0}.', leftAlone.join(', ')), {});
  }
  usage.invalidate();
}

import * as vscode from 'vscode';
import { ApiError } from '../core/api/errors';
import { parseEnv, removeEnvVariable } from '../core/dotenv';
import { applyTextChange, readTextSource } from '../env/envFile';
import { describeTarget, EnvTarget, findEnvTargets } from '../env/targets';
import { showError } from '../platform/showError';
import { Services } from '../services';
import { ApiKeysTree, KeyNode } from '../views/apiKeysTree';
import { signedInClient } from './token';

/**
 * `vued.revokeApiKey`: a modal naming the key and its scopes, then one DELETE. Afterwards, if this
 * window still knows the key's secret, offers to remove the variables that hold it from .env files.
 */
export async function revokeApiKeyCommand(s: Services, tree: ApiKeysTree, node?: KeyNode): Promise<boolean> {
  if (!(node instanceof KeyNode) || node.status === 'revoked') {
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
    const client = await signedInClient(s);
    if (!client) {
      return false;
    }
    await vscode.window.withProgress({ location: { viewId: 'vued.apiKeys' }, title: vscode.l10n.t('Revoking "{0}"…', key.name) }, () =>
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
    await offerEnvCleanup(s, held.secret, key.name);
  }
  void s.ui.message('info', vscode.l10n.t('Revoked the API key "{0}".', key.name), {});
  return true;
}

interface Holding {
  target: Extract<EnvTarget, { kind: 'file' }>;
  names: string[];
}

async function offerEnvCleanup(s: Services, secret: string, keyName: string): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    return;
  }
  const holdings: Holding[] = [];
  for (const target of await findEnvTargets()) {
    if (target.kind !== 'file') {
      continue;
    }
    const source = await readTextSource(target.uri).catch(() => undefined);
    const names = source ? [...new Set(parseEnv(source.text).filter((e) => e.value === secret).map((e) => e.name))] : [];
    if (names.length > 0) {
      holdings.push({ target, names });
    }
  }
  if (holdings.length === 0) {
    return;
  }
  const list = holdings.map((h) => `${describeTarget(h.target)} — ${h.names.join(', ')}`).join('\n');
  const remove = vscode.l10n.t('Remove from .env Files');
  const choice = await s.ui.message(
    'info',
    vscode.l10n.t('The secret of "{0}" is still in {1} .env file(s).', keyName, holdings.length),
    { modal: true, detail: vscode.l10n.t('Remove these variables (their lines only)?\n{0}', list) },
    remove,
  );
  if (choice !== remove) {
    return;
  }
  for (const h of holdings) {
    for (const name of h.names) {
      try {
        const source = await readTextSource(h.target.uri);
        const defs = parseEnv(source.text).filter((e) => e.name === name);
        if (defs.length === 0 || defs[defs.length - 1].value !== secret) {
          continue; // only the definition dotenv reads is removed, and only if it holds this secret
        }
        const result = removeEnvVariable(source.text, name);
        if (result) {
          await applyTextChange(source, result.edit, h.target.folder);
          s.log.info(`Removed ${name} from ${describeTarget(h.target)}.`);
        }
      } catch (e) {
        await showError(s, vscode.l10n.t('Removing {0} from {1}', name, describeTarget(h.target)), e);
      }
    }
  }
}

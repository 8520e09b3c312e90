import * as vscode from 'vscode';
import { Views } from '../constants';
import { ApiError } from '../core/api/errors';
import { parseEnv, removeEnvVariable } from '../core/dotenv';
import { readTextSource, updateTextFile } from '../platform/textFiles';
import type { EnvIndex } from '../envFiles/envIndex';
import type { PublicApiKey } from '../core/api/types';
import { showError } from '../ui/showError';
import type { Services } from '../services';
import { type ApiKeysTree } from '../views/apiKeysTree';
import { type KeyNode } from '../views/tree/keyNode';
import { signedInClient } from '../connection/hostChoice';
import { offerToForgetRevoked } from './forgetHeldKey';
import { rotateApiKeyCommand } from './rotateApiKey';
import { formatDate, toDate } from '../core/common/timestamps';

/**
 * `vued.revokeApiKey`: a modal naming the key, its scopes, when it was last used and the `.env`
 * files and variables that hold it (looked up afresh), with Rotate Instead beside Revoke; then one
 * DELETE. Afterwards, if any `.env` variable still holds the key, offers to remove those variables.
 */
export async function revokeApiKeyCommand(s: Services, tree: ApiKeysTree, usage: EnvIndex, node?: KeyNode): Promise<boolean> {
  if (!node || node.status === 'revoked') {
    return false;
  }
  const key = node.key;
  // Every other key known: a secret whose longest known prefix is another key's belongs to that key.
  const others = tree.loadedKeys().map((k) => k.key).filter((k) => k.id !== key.id && k.keyPrefix !== key.keyPrefix);
  usage.invalidate();
  const held = await holdingsOf(usage, key, others);
  const revoke = vscode.l10n.t('Revoke');
  const rotateInstead = vscode.l10n.t('Rotate Instead');
  const scopes = key.scopes.length ? key.scopes.join(', ') : vscode.l10n.t('none');
  const lastUsed = toDate(key.lastUsedAt);
  const places = [...held.definitions.values()].map((h) => `• ${h.path} — ${h.names.join(', ')}`);
  const choice = await s.ui.message(
    'warning',
    vscode.l10n.t('Revoke the API key "{0}"?', key.name),
    {
      modal: true,
      detail: [
        vscode.l10n.t('Prefix {0}…, scopes: {1}.', key.keyPrefix, scopes),
        lastUsed ? vscode.l10n.t('Last used {0}.', formatDate(lastUsed)) : vscode.l10n.t('Never used.'),
        places.length === 0
          ? vscode.l10n.t('No .env file in this workspace holds it.')
          : held.definitions.size === 1
            ? vscode.l10n.t('It is in 1 .env file of this workspace:')
            : vscode.l10n.t('It is in {0} .env files of this workspace:', held.definitions.size),
        ...(places.length ? [places.join('\n')] : []),
        vscode.l10n.t('Anything using this key stops working at once. This cannot be undone; Rotate Instead puts a new key in its place first.'),
      ].join('\n'),
    },
    revoke,
    rotateInstead,
  );
  if (choice === rotateInstead) {
    const rotated = await rotateApiKeyCommand(s, tree, usage, node);
    return rotated?.revokedOld === true;
  }
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
  // Whether or not this window created the key: every variable the index finds holding it is offered.
  await offerEnvCleanup(s, usage, key, others);
  // A key kept in the keychain for this workspace no longer works either: offered to forget.
  await offerToForgetRevoked(s, { origin: node.org.origin, keyId: key.id }, key.name).catch((e: unknown) => showError(s, vscode.l10n.t('Forgetting the key'), e));
  void s.ui.message('info', vscode.l10n.t('Revoked the API key "{0}".', key.name), {});
  return true;
}

interface Holding {
  uri: vscode.Uri;
  path: string;
  names: string[];
  /** variable → the characters of the key's secret as the index read them (never logged or shown). */
  values: Map<string, string>;
}

/**
 * The `.env` variables that hold the key, by file, read afresh (the caller invalidated the index),
 * each with the secret's characters as read, so a later removal can check the value is still this key's.
 */
async function holdingsOf(usage: EnvIndex, key: PublicApiKey, others: readonly PublicApiKey[]): Promise<{ definitions: Map<string, Holding> }> {
  const definitions = new Map<string, Holding>();
  const texts = new Map<string, string | undefined>();
  for (const u of (await usage.usagesOf([key, ...others])).filter((x) => x.keyId === key.id)) {
    if (u.kind !== 'definition') {
      continue; // only variables are removed; a commented-out line is the user's to delete
    }
    const id = u.uri.toString();
    if (!texts.has(id)) {
      texts.set(id, await readTextSource(u.uri).then((src) => src.text, () => undefined));
    }
    const text = texts.get(id);
    const h = definitions.get(id) ?? { uri: u.uri, path: u.path, names: [], values: new Map<string, string>() };
    if (!h.names.includes(u.variable)) {
      h.names.push(u.variable);
    }
    if (text !== undefined) {
      h.values.set(u.variable, text.slice(u.start, u.end));
    }
    definitions.set(id, h);
  }
  return { definitions };
}

/**
 * Offers to remove the variables that still hold the revoked key. The files come from the usage
 * index (the same prefix scan as the tree's usage rows); a variable is removed only if the
 * definition dotenv reads still holds exactly the characters the index found there.
 */
async function offerEnvCleanup(s: Services, usage: EnvIndex, key: PublicApiKey, others: readonly PublicApiKey[]): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    return;
  }
  usage.invalidate();
  const holdings = (await holdingsOf(usage, key, others)).definitions;
  if (holdings.size === 0) {
    return;
  }
  const list = [...holdings.values()].map((h) => `${h.path} — ${h.names.join(', ')}`).join('\n');
  const remove = vscode.l10n.t('Remove from .env Files');
  const choice = await s.ui.message(
    'info',
    holdings.size === 1
      ? vscode.l10n.t('The revoked key "{0}" is still in 1 .env file.', key.name)
      : vscode.l10n.t('The revoked key "{0}" is still in {1} .env files.', key.name, holdings.size),
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
          const secret = h.values.get(name);
          if (current === undefined || secret === undefined || defs.length === 0 || defs[defs.length - 1].value !== secret) {
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

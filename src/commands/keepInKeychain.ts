import * as path from 'path';
import * as vscode from 'vscode';
import { workspaceTrusted } from '../ui/trust';
import { findDefinitions, parseEnv, removeEnvVariable } from '../core/dotenv';
import { KeyPrefixIndex, type KnownKey } from '../core/editor';
import { keyStatus } from '../core/keys/status';
import { isEnvFileName } from '../envFiles/find';
import { askHeldVariable } from '../keys/holdSecret';
import { readTextSource, updateTextFile } from '../platform/textFiles';
import { showError } from '../ui/showError';
import type { Services } from '../services';
import type { KnownKeys } from '../keys/knownKeys';

/** The variable defined on the active `.env` editor's cursor line, if any. */
function variableAtCursor(): { uri: vscode.Uri; variable: string } | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !isEnvFileName(path.posix.basename(editor.document.uri.path))) {
    return undefined;
  }
  const doc = editor.document;
  const offset = doc.offsetAt(editor.selection.active);
  const text = doc.getText();
  const entry = parseEnv(text).find((e) => e.lineStart <= offset && offset <= e.lineEnd);
  return entry ? { uri: doc.uri, variable: entry.name } : undefined;
}

/**
 * `vued.keepInKeychain` (*Keep in Keychain Instead*): a `.env` variable holding a key the extension
 * knows goes into the keychain for this workspace's terminals and debug sessions, and its line
 * leaves the file through the one write path (every other byte kept). Asks first. Refuses a value
 * whose prefix is no known key's, a key that no longer works, and a name the file defines twice.
 * From the quick fix (file and variable given) or the palette (the cursor's line).
 */
export async function keepInKeychainCommand(s: Services, known: KnownKeys, uri?: unknown, variable?: unknown): Promise<boolean> {
  try {
    const target = uri instanceof vscode.Uri && typeof variable === 'string' ? { uri, variable } : variableAtCursor();
    if (!target) {
      await s.ui.message('info', vscode.l10n.t('Put the cursor on a .env line that holds a Vued key to keep it in the keychain instead.'), {});
      return false;
    }
    if (!(await workspaceTrusted(s.ui, vscode.l10n.t('Moving a key out of a .env file needs a trusted workspace.')))) {
      return false;
    }
    const folder = vscode.workspace.getWorkspaceFolder(target.uri);
    if (!folder) {
      await s.ui.message('warning', vscode.l10n.t('{0} is not in a workspace folder, so it was not changed.', path.posix.basename(target.uri.path)), {});
      return false;
    }
    const where = vscode.workspace.asRelativePath(target.uri);
    const name = target.variable;
    const definitions = findDefinitions((await readTextSource(target.uri)).text, name);
    if (definitions.length !== 1) {
      await s.ui.message('warning', definitions.length === 0
        ? vscode.l10n.t('{0} is not defined in {1} any more.', name, where)
        : vscode.l10n.t('{0} is defined {1} times in {2}. Keep one definition, then try again: removing one would let another take its place.', name, definitions.length, where), {});
      return false;
    }
    const value = definitions[0].value;
    const key = await findKnownKey(known, value);
    if (!key?.origin) {
      s.log.info(`Keep in keychain: the value of ${name} in ${where} starts with no known key's prefix; nothing was changed.`);
      await s.ui.message('warning', vscode.l10n.t('The value of {0} does not start with the prefix of a key Vued knows, so it was not moved. Only a key listed in the Vued sidebar can be kept in the keychain.', name), {});
      return false;
    }
    if (!new KeyPrefixIndex(known.keys).recognizer.isSecret(value)) {
      // A list, a URL, `Bearer …`: the keychain keeps one key per variable, and removing the line would lose the rest.
      s.log.info(`Keep in keychain: ${name} in ${where} holds more than the key's secret; nothing was changed.`);
      await s.ui.message('warning', vscode.l10n.t('The value of {0} holds more than the key "{1}" (a list, a URL or a prefix), so it was not moved: the keychain keeps one key per variable.', name, key.key.name), {});
      return false;
    }
    const status = keyStatus(key.key, Date.now());
    if (status === 'revoked' || status === 'expired') {
      await s.ui.message('warning', vscode.l10n.t('{0} holds the key "{1}", which no longer works (revoked or expired), so there is nothing to keep in the keychain.', name, key.key.name), {});
      return false;
    }
    const ref = { origin: key.origin, keyId: key.key.id };
    const keep = vscode.l10n.t('Keep in Keychain Instead');
    const confirm = await s.ui.message(
      'warning',
      vscode.l10n.t('Keep {0} in the keychain instead of {1}?', name, where),
      {
        modal: true,
        detail: vscode.l10n.t('The value of {0} (the key "{1}", {2}…) goes into VS Code\'s secret storage for this workspace\'s terminals and debug sessions, and its line is removed from {3}. Programs that read {3} itself will no longer find it.', name, key.key.name, key.key.keyPrefix, where),
      },
      keep,
    );
    if (confirm !== keep) {
      return false;
    }
    const held = await askHeldVariable(s, ref, key.key.name, name, false);
    if (!held) {
      return false;
    }
    // Kept first, removed second: if the file cannot be written, the value is still in it.
    await s.heldKeys.hold({ origin: key.origin, orgId: key.orgId, id: key.key.id, name: key.key.name, keyPrefix: key.key.keyPrefix }, value, held);
    s.log.info(`Kept the value of ${name} (key ${key.key.id}) in the keychain for ${held}.`);
    const result = await updateTextFile(target.uri, folder, (current) => {
      const now = current === undefined ? [] : findDefinitions(current, name);
      if (current === undefined || now.length !== 1 || now[0].value !== value) {
        return { refuse: vscode.l10n.t('{0} changed in {1} meanwhile, so its line was left as it is. The key is kept in the keychain for {2}.', name, where, held) };
      }
      const removal = removeEnvVariable(current, name);
      return removal ? { edit: removal.edit } : { keep: true };
    }, (m) => s.log.info(m));
    if (result.status === 'refused') {
      s.log.info(`Keep in keychain: ${name} changed in ${where} meanwhile; its line was left as it is.`);
      await s.ui.message('warning', result.reason, {});
      return false;
    }
    const unsaved = result.status === 'written' && result.unsaved;
    s.log.info(`Removed ${name} from ${where}${unsaved ? ' (unsaved editor buffer)' : ''}.`);
    void s.ui.message(
      unsaved ? 'warning' : 'info',
      unsaved
        ? vscode.l10n.t('{0} is kept in the keychain, and its line was removed from the unsaved editor of {1}: save it, or the file on disk keeps the value.', name, where)
        : vscode.l10n.t('{0} is kept in the keychain, and its line was removed from {1}. Debug sessions and "New Terminal with Vued Keys" of this workspace get it as {2}.', name, where, held),
      {},
    );
    return true;
  } catch (e) {
    await showError(s, vscode.l10n.t('Keeping the key in the keychain'), e);
    return false;
  }
}

/**
 * The known key the value stands for (the longest prefix it starts with, as the editor matches
 * keys): from the keys known now, else once more after the organizations' lists were loaded.
 */
async function findKnownKey(known: KnownKeys, value: string): Promise<KnownKey | undefined> {
  const now = Date.now();
  const found = new KeyPrefixIndex(known.keys).match(value, now);
  if (found) {
    return found;
  }
  await known.loadOnce();
  return new KeyPrefixIndex(known.keys).match(value, now);
}

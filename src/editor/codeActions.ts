import * as vscode from 'vscode';
import { Commands } from '../constants';
import { findEnvKeyFindings, planMoveToEnv, planRemoval, planSecretReplacement, scanSourceForSecrets, type OffsetRange } from '../core/editor';
import type { SecretRecognizer } from '../core/common/secretShape';
import { EditorCommands, type KeyRef } from './commands';
import type { EditorDeps } from './deps';
import { toRange, type DocumentFindings } from './findings';
import type { KeyState } from './keyState';
import { DIAGNOSTIC_SOURCE, ProblemCodes, type EditorProblems } from './problems';

/** Titles of the quick fixes (no value ever appears in one). */
export const FixTitles = {
  rotate: 'Rotate this key…',
  replace: 'Replace with a new key…',
  gitignore: 'Add this file to .gitignore',
  removeLine: 'Remove this line',
  moveToEnv: 'Move to .env',
} as const;

function action(title: string, diagnostic: vscode.Diagnostic, command?: vscode.Command, edit?: vscode.WorkspaceEdit): vscode.CodeAction {
  const a = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  a.diagnostics = [diagnostic];
  a.command = command;
  a.edit = edit;
  return a;
}

/** The quick fixes of the Vued problems, in `.env` files and source files. */
export class KeyCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly findings: DocumentFindings) {}

  provideCodeActions(doc: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const out: vscode.CodeAction[] = [];
    const gitignoreOffered = new Set<string>();
    for (const d of context.diagnostics) {
      if (d.source !== DIAGNOSTIC_SOURCE) {
        continue;
      }
      const offset = doc.offsetAt(d.range.start);
      const uri = doc.uri;
      if (d.code === ProblemCodes.committed || d.code === ProblemCodes.hardCoded) {
        if (d.code === ProblemCodes.hardCoded) {
          const secret = this.findings.hardCoded(doc).find((s) => s.range.start === offset);
          if (secret && planMoveToEnv(doc.getText(), secret, doc.languageId)) {
            out.push(action(FixTitles.moveToEnv, d, { command: EditorCommands.moveToEnv, title: FixTitles.moveToEnv, arguments: [uri, offset] }));
          }
        }
        if (!gitignoreOffered.has(d.code)) {
          gitignoreOffered.add(d.code);
          out.push(action(FixTitles.gitignore, d, { command: EditorCommands.addToGitignore, title: FixTitles.gitignore, arguments: [uri] }));
        }
        continue;
      }
      const finding = this.findings.envFindings(doc).find((f) => f.range.start === offset);
      if (!finding) {
        continue;
      }
      const ref: KeyRef | undefined = finding.key ? { keyId: finding.key.key.id, orgId: finding.key.orgId } : undefined;
      if (ref && (finding.status === 'expired' || finding.status === 'expiring')) {
        out.push(action(FixTitles.rotate, d, { command: EditorCommands.rotateKey, title: FixTitles.rotate, arguments: [ref] }));
      }
      out.push(action(FixTitles.replace, d, { command: EditorCommands.replaceWithNewKey, title: FixTitles.replace, arguments: [uri, offset] }));
      const removal = finding.status === 'revoked' ? planRemoval(doc.getText(), finding) : undefined;
      if (removal) {
        const edit = new vscode.WorkspaceEdit();
        edit.delete(uri, new vscode.Range(doc.positionAt(removal.offset), doc.positionAt(removal.offset + removal.deleteLength)));
        const remove = action(FixTitles.removeLine, d, undefined, edit);
        remove.isPreferred = true;
        out.push(remove);
      }
    }
    out.push(...keepInKeychainActions(this.findings, doc, range));
    return out;
  }
}

/**
 * Keep in Keychain Instead, on the value of a `.env` variable that is a known key that still works
 * (with or without a problem on it), where the other quick fixes of a value are offered: the
 * command moves the value into the keychain and removes the line.
 */
function keepInKeychainActions(findings: DocumentFindings, doc: vscode.TextDocument, range: vscode.Range): vscode.CodeAction[] {
  if (!findings.isEnv(doc)) {
    return [];
  }
  const title = vscode.l10n.t('Keep in Keychain Instead');
  return findings
    .envFindings(doc)
    .filter((f) => f.kind === 'key' && f.place === 'value' && f.variable !== undefined && f.status !== 'revoked' && f.status !== 'expired' && toRange(f.range).intersection(range) !== undefined)
    .map((f) => {
      const a = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
      a.command = { command: Commands.keepInKeychain, title, arguments: [doc.uri, f.variable] };
      return a;
    });
}

/** The commands behind the hover links and the quick fixes. */
export function registerEditorCommands(deps: EditorDeps, keys: KeyState, problems: EditorProblems): vscode.Disposable[] {
  const keyIdOf = (ref: unknown): string | undefined => (ref && typeof ref === 'object' && typeof (ref as KeyRef).keyId === 'string' ? (ref as KeyRef).keyId : undefined);
  const guarded = (what: string, run: (...args: never[]) => Promise<unknown>) => async (...args: never[]) => {
    try {
      await run(...args);
    } catch (e) {
      await deps.showError(what, e);
    }
  };
  return [
    vscode.commands.registerCommand(EditorCommands.revealKey, guarded('Revealing the key', async (ref: unknown) => {
      const id = keyIdOf(ref);
      if (id) {
        await deps.revealKey(id);
      }
    })),
    vscode.commands.registerCommand(EditorCommands.rotateKey, guarded('Rotating the key', async (ref: unknown) => {
      const id = keyIdOf(ref);
      if (id) {
        await deps.rotateKey(id);
      }
    })),
    vscode.commands.registerCommand(EditorCommands.copyKeyId, guarded('Copying the key ID', async (ref: unknown) => {
      const id = keyIdOf(ref);
      if (id) {
        await vscode.env.clipboard.writeText(id);
      }
    })),
    vscode.commands.registerCommand(EditorCommands.replaceWithNewKey, guarded('Replacing the key', (uri: vscode.Uri, offset: number) =>
      replaceWithNewKey(deps, keys, uri, offset),
    )),
    vscode.commands.registerCommand(EditorCommands.addToGitignore, guarded('Adding the file to .gitignore', async (uri: vscode.Uri) => {
      await deps.files.addToGitignore(uri);
      await problems.scan(uri);
    })),
    vscode.commands.registerCommand(EditorCommands.moveToEnv, guarded('Moving the secret to .env', (uri: vscode.Uri, offset: number) => moveToEnv(deps, keys, uri, offset))),
  ];
}

/** A token-shaped stand-in for the new secret, to check before creating a key that the file can take one. */
const STAND_IN_SECRET = `vued_sk_${'x'.repeat(40)}`;

/**
 * The secret `old` in `text`: the occurrence at `offset` when it is still there, else the only
 * occurrence the recogniser finds anywhere; undefined when it is gone or several could be meant.
 */
function occurrenceOf(text: string, old: string, offset: number, recognizer: SecretRecognizer): OffsetRange | undefined {
  const same = recognizer.find(text).filter((s) => s.end - s.start === old.length && text.startsWith(old, s.start));
  return same.find((s) => s.start === offset) ?? (same.length === 1 ? same[0] : undefined);
}

/**
 * Replace with a new key…: create (organization and host of the old key), then write the new secret
 * over exactly the old secret's characters, wherever they are (a whole value, one key of a list, a
 * key in a URL or before a suffix, a comment); the write is planned and checked by parsing on the
 * file as it is at that moment.
 */
async function replaceWithNewKey(deps: EditorDeps, keys: KeyState, uri: vscode.Uri, offset: number): Promise<void> {
  const text = await deps.files.readText(uri);
  const before = findEnvKeyFindings(text, keys.index, Date.now()).find((f) => f.range.start === offset);
  if (!before) {
    return;
  }
  const old = text.slice(before.range.start, before.range.end);
  // A file that cannot take a new key here says so before a key is created.
  planSecretReplacement(text, before.range, STAND_IN_SECRET);
  const where = `${vscode.workspace.asRelativePath(uri)} — ${before.variable ?? vscode.l10n.t('line {0}', before.line)}`;
  await deps.createKey(before.key?.orgId, async (secret) => {
    await deps.files.editFile(uri, (current) => {
      const at = occurrenceOf(current, old, offset, keys.index.recognizer);
      if (!at) {
        throw new Error(vscode.l10n.t('The old key is no longer at {0}, so the new one was not written there.', where));
      }
      return planSecretReplacement(current, at, secret);
    });
    return where;
  }, before.key?.origin);
}

/** Move to .env: the secret goes into the workspace `.env`, the literal becomes the language's environment read. */
async function moveToEnv(deps: EditorDeps, keys: KeyState, uri: vscode.Uri, offset: number): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const text = doc.getText();
  const secret = scanSourceForSecrets(text, keys.index.recognizer).find((s) => s.range.start === offset);
  if (!secret) {
    return;
  }
  const variable = await deps.askVariableName();
  if (!variable) {
    return;
  }
  const plan = planMoveToEnv(text, secret, doc.languageId, variable);
  if (!plan) {
    return;
  }
  const where = await deps.files.writeWorkspaceEnv(uri, variable, text.slice(secret.range.start, secret.range.end));
  if (!where) {
    return;
  }
  if (doc.getText() !== text) {
    throw new Error(`${vscode.workspace.asRelativePath(uri)} changed meanwhile; the secret is in ${where}, replace the literal by hand`);
  }
  const edit = new vscode.WorkspaceEdit();
  for (const e of plan.sourceEdits) {
    edit.replace(uri, new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.newText);
  }
  if (!(await vscode.workspace.applyEdit(edit))) {
    throw new Error(`VS Code did not apply the edit to ${vscode.workspace.asRelativePath(uri)}`);
  }
  deps.log.info(`Moved a hard-coded secret from ${vscode.workspace.asRelativePath(uri)} into ${where}.`);
}

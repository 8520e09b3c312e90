import * as vscode from 'vscode';
import { Commands } from '../constants';
import { findEnvKeyFindings, planMoveToEnv, scanSourceForSecrets, type EnvKeyFinding } from '../core/editor';
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
      const finding = this.findings.envFindings(doc).find((f) => f.valueRange.start === offset);
      if (!finding) {
        continue;
      }
      const ref: KeyRef | undefined = finding.key ? { keyId: finding.key.key.id, orgId: finding.key.orgId } : undefined;
      if (ref && (finding.status === 'expired' || finding.status === 'expiring')) {
        out.push(action(FixTitles.rotate, d, { command: EditorCommands.rotateKey, title: FixTitles.rotate, arguments: [ref] }));
      }
      out.push(action(FixTitles.replace, d, { command: EditorCommands.replaceWithNewKey, title: FixTitles.replace, arguments: [uri, finding.variable, offset] }));
      if (finding.status === 'revoked') {
        const edit = new vscode.WorkspaceEdit();
        edit.delete(uri, toRange(finding.definitionRange));
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
    .filter((f) => f.kind === 'key' && f.status !== 'revoked' && f.status !== 'expired' && toRange(f.valueRange).intersection(range) !== undefined)
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
    vscode.commands.registerCommand(EditorCommands.replaceWithNewKey, guarded('Replacing the key', (uri: vscode.Uri, variable: string, offset: number) =>
      replaceWithNewKey(deps, keys, uri, variable, offset),
    )),
    vscode.commands.registerCommand(EditorCommands.addToGitignore, guarded('Adding the file to .gitignore', async (uri: vscode.Uri) => {
      await deps.addToGitignore(uri);
      await problems.scan(uri);
    })),
    vscode.commands.registerCommand(EditorCommands.moveToEnv, guarded('Moving the secret to .env', (uri: vscode.Uri, offset: number) => moveToEnv(deps, uri, offset))),
  ];
}

/** The finding of `variable` whose value starts at `offset` in the file as it is now. */
async function findingNow(deps: EditorDeps, keys: KeyState, uri: vscode.Uri, variable: string, offset: number): Promise<EnvKeyFinding | undefined> {
  const findings = findEnvKeyFindings(await deps.readText(uri), keys.index, Date.now());
  return findings.find((f) => f.variable === variable && f.valueRange.start === offset);
}

/** Replace with a new key…: create (organization and host of the old key), then write the new secret over this value only. */
async function replaceWithNewKey(deps: EditorDeps, keys: KeyState, uri: vscode.Uri, variable: string, offset: number): Promise<void> {
  const before = await findingNow(deps, keys, uri, variable, offset);
  if (!before) {
    return;
  }
  await deps.createKey(before.key?.orgId, async (secret) => {
    const now = await findingNow(deps, keys, uri, variable, offset);
    if (!now) {
      throw new Error(`${variable} changed in ${vscode.workspace.asRelativePath(uri)} meanwhile, so it was not replaced`);
    }
    await deps.replaceInFile(uri, now.valueRange.start, now.valueRange.end - now.valueRange.start, secret);
    return `${vscode.workspace.asRelativePath(uri)} — ${variable}`;
  }, before.key?.origin);
}

/** Move to .env: the secret goes into the workspace `.env`, the literal becomes the language's environment read. */
async function moveToEnv(deps: EditorDeps, uri: vscode.Uri, offset: number): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const text = doc.getText();
  const secret = scanSourceForSecrets(text).find((s) => s.range.start === offset);
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
  const where = await deps.writeWorkspaceEnv(uri, variable, text.slice(secret.range.start, secret.range.end));
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

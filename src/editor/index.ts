/**
 * The editor knows the keys: hover, Problems, quick fixes and masking on Vued keys in `.env` and
 * source files. One entry point; everything it needs from the rest of the extension is `EditorDeps`.
 */
import * as vscode from 'vscode';
import { Commands, ENV_FILE_GLOB } from '../constants';
import { KeyCodeActions, registerEditorCommands } from './codeActions';
import type { EditorDeps } from './deps';
import { DocumentFindings } from './findings';
import { KeyHoverProvider } from './hover';
import { KeyState } from './keyState';
import { SecretMasking, type MaskSnapshot } from './masking';
import { EditorProblems } from './problems';
import { WorkspaceSourceScan, type WorkspaceScanReport } from './workspaceScan';

import { REVEAL_VALUE_COMMAND, TOGGLE_MASKING_COMMAND } from './commands';

/** `.env` and `.env.*` by file pattern (any VS Code), and the `dotenv` language where VS Code has it (1.106+). */
export const ENV_SELECTOR: vscode.DocumentSelector = [{ pattern: ENV_FILE_GLOB }, { language: 'dotenv' }];

/** What the integration tests read (no values, only ranges, labels and states). */
export interface EditorTesting {
  /** Resolves when every pending Problems scan is done. */
  settled(): Promise<void>;
  masks(uri: vscode.Uri): MaskSnapshot | undefined;
  maskingEnabled(): boolean;
  /**
   * Scans every open document and every `.env` file of the index again now, as a key change does;
   * the index (once asked for) first lists and reads the workspace again, as a watcher event would.
   */
  rescan(): Promise<void>;
  /** A lower size cap for masking, in characters (undefined restores the default). */
  setMaskCharLimit(max: number | undefined): void;
}

interface EditorFeatures extends vscode.Disposable {
  testing: EditorTesting;
}

/**
 * Vued: Reveal Value. From the palette: the value at the active editor's cursor. From the hover
 * link: `(uri, offset)`, in the editor showing that document (the active one first). Says so in
 * the status bar when no masked value is there.
 */
async function revealValue(masking: SecretMasking, uri: unknown, offset: unknown): Promise<boolean> {
  const active = vscode.window.activeTextEditor;
  let editor = active;
  let position: vscode.Position | undefined;
  if (typeof uri === 'string' && typeof offset === 'number') {
    const target = uri;
    editor = [active, ...vscode.window.visibleTextEditors].find((e) => e?.document.uri.toString() === target);
    if (!editor) {
      editor = await vscode.window.showTextDocument(vscode.Uri.parse(target));
    }
    position = editor.document.positionAt(offset);
  }
  if (editor && masking.reveal(editor, position)) {
    return true;
  }
  vscode.window.setStatusBarMessage(vscode.l10n.t('Vued: no masked value at the cursor'), 4000);
  return false;
}

export function registerEditorFeatures(deps: EditorDeps): EditorFeatures {
  const keys = new KeyState(deps);
  const findings = new DocumentFindings(deps, keys);
  const problems = new EditorProblems(deps, keys);
  const masking = new SecretMasking(findings, keys, deps.log);
  const workspaceScan = new WorkspaceSourceScan(deps, problems, keys);
  // Scan Workspace for Secrets: every `.env` file (the index lists and reads them; from then on the
  // Problems of closed ones follow it) and, in a trusted workspace, the closed files git would commit.
  const scanWorkspace = (): Thenable<WorkspaceScanReport | undefined> =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Scanning the workspace for Vued secrets') }, async () => {
      try {
        problems.closedEnvFiles = true;
        await deps.files.envFiles.files();
        // The files the index already held (read for the sidebar or a flow) get their Problems now.
        void problems.rescanAll();
        const report = await workspaceScan.run();
        await problems.settled();
        return report;
      } catch (e) {
        await deps.showError(vscode.l10n.t('Scanning the workspace'), e);
        return undefined;
      }
    });
  const disposables: vscode.Disposable[] = [
    keys,
    findings,
    problems,
    workspaceScan,
    masking,
    // Every file: a `.env` value's key, and in any file too large to mask, that masking is off.
    vscode.languages.registerHoverProvider([...(ENV_SELECTOR as vscode.DocumentFilter[]), { scheme: 'file' }, { scheme: 'untitled' }], new KeyHoverProvider(findings, masking, keys)),
    vscode.languages.registerCodeActionsProvider([...(ENV_SELECTOR as vscode.DocumentFilter[]), { scheme: 'file' }], new KeyCodeActions(findings), KeyCodeActions.metadata),
    ...registerEditorCommands(deps, keys, problems),
    vscode.commands.registerCommand(TOGGLE_MASKING_COMMAND, () => masking.toggle()),
    vscode.commands.registerCommand(Commands.scanWorkspace, scanWorkspace),
    vscode.commands.registerCommand(REVEAL_VALUE_COMMAND, (uri?: unknown, offset?: unknown) => revealValue(masking, uri, offset)),
  ];
  // The documents on screen, at once; closed files wait until the index or the scan is asked for.
  void problems.rescanAll();
  return {
    testing: {
      settled: () => problems.settled(),
      masks: (uri) => masking.snapshot(uri),
      maskingEnabled: () => masking.enabled,
      rescan: async () => {
        // As a missed watcher event would have: the index (once asked for) lists and reads again.
        if (deps.files.envFiles.isLoaded) {
          deps.files.envFiles.invalidate();
          await deps.files.envFiles.files();
        }
        await problems.rescanAll();
      },
      setMaskCharLimit: (max) => {
        masking.maxChars = max;
        masking.updateAll();
      },
    },
    dispose: () => {
      for (const d of disposables.reverse()) {
        d.dispose();
      }
    },
  };
}

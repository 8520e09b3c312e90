/**
 * Builds `EditorDeps` from the services, the known keys and the flows the composition root hands
 * over; the file parts come from workspaceFiles.ts.
 */
import * as vscode from 'vscode';
import { newEnvNameProblem } from '../core/dotenv/names';
import { readConfig } from '../platform/config';
import { problemText } from '../platform/l10n';
import type { Services } from '../services';
import { showError } from '../ui/showError';
import type { KnownKeys } from '../keys/knownKeys';
import type { EditorDeps } from './deps';
import { workspaceFiles } from './workspaceFiles';

/** What the editor starts in the rest of the extension: the sidebar and the commands' flows. */
export type EditorFlows = Pick<EditorDeps, 'revealKey' | 'rotateKey' | 'createKey'>;

export function editorDeps(s: Services, known: KnownKeys, flows: EditorFlows): EditorDeps {
  return {
    knownKeys: () => known.keys,
    onDidChangeKeys: known.onDidChange,
    loadKeysOnce: () => known.loadOnce(),
    ...flows,
    files: workspaceFiles(s),
    async askVariableName() {
      const typed = await s.ui.input({
        title: vscode.l10n.t('Vued: Move to .env'),
        prompt: vscode.l10n.t('Name of the variable that will hold the secret in .env'),
        value: readConfig().envVariableName,
        validate: (v) => problemText(newEnvNameProblem(v.trim())),
      });
      return typeof typed === 'string' ? typed.trim() : undefined;
    },
    showError: (what, err) => showError(s, what, err),
    log: s.log,
  };
}

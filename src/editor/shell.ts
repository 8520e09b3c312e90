import * as vscode from 'vscode';
import type { ApiKeyCreation } from '../commands/createApiKey';
import { loadFlows } from '../lazy';
import type { Services } from '../services';
import type { Sidebar } from '../views/sidebar';
import { TOGGLE_MASKING_COMMAND } from './commands';
import type { EditorFeatures, EditorTesting } from './index';

/**
 * The editor features as the activation bundle holds them: the palette command and the moment they
 * start. Hover, Problems, quick fixes and masking (editor/index.ts, in dist/flows.js) are made when
 * a text editor is first shown: right after activation if one already is, else with the first one
 * opened; or by the toggle command, whichever comes first. Owned by `context.subscriptions`.
 */
export function registerEditor(context: vscode.ExtensionContext, s: Services, sidebar: Sidebar, creation: () => ApiKeyCreation): { testing: EditorTesting } {
  let features: EditorFeatures | undefined;
  const load = (): EditorFeatures => {
    if (!features) {
      const flows = loadFlows();
      features = flows.registerEditorFeatures(flows.editorDeps(s, sidebar, creation));
      context.subscriptions.push(features);
      waiting.dispose();
    }
    return features;
  };
  const waiting = vscode.window.onDidChangeVisibleTextEditors((editors) => {
    if (editors.length > 0) load();
  });
  context.subscriptions.push(waiting, vscode.commands.registerCommand(TOGGLE_MASKING_COMMAND, () => load().toggleMasking()));
  if (vscode.window.visibleTextEditors.length > 0) {
    // After activate() returns: the editors on screen get their Problems and masking at once.
    const soon = setTimeout(load, 0);
    context.subscriptions.push({ dispose: () => clearTimeout(soon) });
  }
  return {
    testing: {
      settled: () => load().testing.settled(),
      masks: (uri) => load().testing.masks(uri),
      maskingEnabled: () => load().testing.maskingEnabled(),
    },
  };
}

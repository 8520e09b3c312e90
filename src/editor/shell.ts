import type * as vscode from 'vscode';
import type { RegisterCommand } from '../frontDoor';
import type { ApiKeyCreation } from '../commands/createApiKey';
import { loadFlows } from '../lazy';
import type { Services } from '../services';
import type { Sidebar } from '../views/sidebar';
import { TOGGLE_MASKING_COMMAND } from './commands';
import type { EditorFeatures, EditorTesting } from './index';

/**
 * The editor features as the activation bundle holds them: the palette command and the moment they
 * start. Hover, Problems, quick fixes and masking (editor/index.ts, in dist/flows.js) are made a
 * macrotask after activate() returns, or by the toggle command if that runs first, so activation
 * itself parses none of them. Owned by `context.subscriptions`.
 */
export function registerEditor(
  context: vscode.ExtensionContext,
  s: Services,
  sidebar: Sidebar,
  creation: () => ApiKeyCreation,
  register: RegisterCommand,
): { testing: EditorTesting } {
  let features: EditorFeatures | undefined;
  const load = (): EditorFeatures => {
    if (!features) {
      const flows = loadFlows();
      features = flows.registerEditorFeatures(flows.editorDeps(s, sidebar, creation));
      context.subscriptions.push(features);
    }
    return features;
  };
  register(TOGGLE_MASKING_COMMAND, () => load().toggleMasking());
  // Right after activate() returns, not inside it: the features watch files on disk from the start
  // (made later, on the first editor shown, a .env created in the meantime could escape the usage
  // index's watcher in the integration suite), and the editors on screen get Problems and masking at once.
  const soon = setTimeout(load, 0);
  context.subscriptions.push({ dispose: () => clearTimeout(soon) });
  return {
    testing: {
      settled: () => load().testing.settled(),
      masks: (uri) => load().testing.masks(uri),
      maskingEnabled: () => load().testing.maskingEnabled(),
      scanWorkspace: () => load().testing.scanWorkspace(),
      rescan: () => load().testing.rescan(),
      setMaskCharLimit: (max) => load().testing.setMaskCharLimit(max),
    },
  };
}

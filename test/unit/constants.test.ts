/** The literals written once in src/constants.ts (and core/baseUrl.ts) are the ones package.json uses. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Commands, ContextKeys, DEFAULT_API_BASE_URL, ENV_FILE_GLOB, TreeCommands, Views } from '../../src/constants';
import { TOGGLE_MASKING_COMMAND } from '../../src/editor/commands';

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as {
  activationEvents: string[];
  contributes: {
    menus: Record<string, Array<{ command: string; when?: string; group?: string }>>;
    configuration: { properties: Record<string, { default?: unknown }> };
    views: Record<string, Array<{ id: string }>>;
    commands: Array<{ command: string }>;
    walkthroughs: Array<{ description: string; steps: Array<{ description: string }> }>;
  };
};

describe('constants and the manifest', () => {
  it('vued.apiBaseUrl defaults to DEFAULT_API_BASE_URL', () => {
    assert.strictEqual(manifest.contributes.configuration.properties['vued.apiBaseUrl'].default, DEFAULT_API_BASE_URL);
  });

  it('the API Keys view is contributed under Views.apiKeys', () => {
    assert.ok(manifest.contributes.views[Views.container].some((v) => v.id === Views.apiKeys));
  });

  it('the walkthrough step waits for the context key that inserting a secret sets', () => {
    assert.ok(JSON.stringify(manifest).includes(`onContext:${ContextKeys.insertedSecret}`));
  });

  it('every command the extension contributes is one of the constants activate() registers', () => {
    const contributed = manifest.contributes.commands.map((c) => c.command);
    assert.deepStrictEqual([...Object.values(Commands), ...Object.values(TreeCommands), TOGGLE_MASKING_COMMAND].sort(), [...contributed].sort());
  });

  it('a workspace holding .env files activates the extension by the same glob the index lists and watches', () => {
    assert.ok(manifest.activationEvents.includes(`workspaceContains:${ENV_FILE_GLOB}`), JSON.stringify(manifest.activationEvents));
  });

  it('Scan Workspace for Secrets is offered in the palette and in the view\'s "…" menu, with a folder open', () => {
    const palette = manifest.contributes.menus.commandPalette.find((m) => m.command === Commands.scanWorkspace);
    assert.strictEqual(palette?.when, 'workspaceFolderCount > 0');
    const title = manifest.contributes.menus['view/title'].find((m) => m.command === Commands.scanWorkspace);
    assert.ok(title?.when?.includes(`view == ${Views.apiKeys}`), JSON.stringify(title));
    assert.ok(title?.group && !title.group.startsWith('navigation'), 'in the "…" menu, not among the title buttons');
  });
});

/** The literals written once in src/constants.ts (and core/baseUrl.ts) are the ones package.json uses. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Commands, ContextKeys, DEFAULT_API_BASE_URL, TreeCommands, Views } from '../../src/constants';
import { REVEAL_VALUE_COMMAND, TOGGLE_MASKING_COMMAND } from '../../src/editor/commands';

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as {
  contributes: {
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
    assert.deepStrictEqual([...Object.values(Commands), ...Object.values(TreeCommands), TOGGLE_MASKING_COMMAND, REVEAL_VALUE_COMMAND].sort(), [...contributed].sort());
  });
});

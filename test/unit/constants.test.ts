/** The literals written once in src/constants.ts (and core/baseUrl.ts) are the ones package.json uses. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Commands, ContextKeys, DEFAULT_API_BASE_URL, TreeCommands, Views } from '../../src/constants';
import { TOGGLE_MASKING_COMMAND } from '../../src/editor/commands';
import { FRONT_DOOR_COMMANDS, FRONT_DOOR_IDS } from '../../src/frontDoor';

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as {
  contributes: {
    configuration: { properties: Record<string, { default?: unknown }> };
    views: Record<string, Array<{ id: string }>>;
    commands: Array<{ command: string }>;
    authentication: Array<{ id: string; label: string }>;
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

  it('activation registers every contributed command, the view and the authentication provider (src/frontDoor.ts)', () => {
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    assert.deepStrictEqual([...FRONT_DOOR_COMMANDS].sort(), contributed);
    assert.deepStrictEqual([...Object.values(Commands), ...Object.values(TreeCommands), TOGGLE_MASKING_COMMAND].sort(), contributed);
    assert.strictEqual(FRONT_DOOR_IDS.view, Views.apiKeys);
    assert.deepStrictEqual(manifest.contributes.authentication, [{ id: FRONT_DOOR_IDS.authId, label: FRONT_DOOR_IDS.authLabel }]);
  });
});

/** The literals written once in src/constants.ts (and core/baseUrl.ts) are the ones package.json uses. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ContextKeys, DEFAULT_API_BASE_URL, Views } from '../../src/constants';

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { default?: unknown }> }; views: Record<string, Array<{ id: string }>> };
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
});

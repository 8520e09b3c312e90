/** The literals written once in src/constants.ts (and core/baseUrl.ts) are the ones package.json uses. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Commands, ContextKeys, DEFAULT_API_BASE_URL, TreeCommands, Views } from '../../src/constants';
import { TOGGLE_MASKING_COMMAND } from '../../src/editor/commands';
import { FRONT_DOOR_COMMANDS } from '../../src/frontDoor';
import { evaluateWhen, paletteCommands } from '../support/whenClause';

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as {
  contributes: {
    configuration: { properties: Record<string, { default?: unknown }> };
    views: Record<string, Array<{ id: string }>>;
    commands: Array<{ command: string }>;
    menus: { commandPalette: Array<{ command: string; when?: string }>; 'view/title': Array<{ command: string; when?: string }> };
    walkthroughs: Array<{ description: string; steps: Array<{ description: string }> }>;
    viewsWelcome: Array<{ contents: string; when?: string }>;
  };
};

const nls = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.nls.json'), 'utf8')) as Record<string, string>;

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

  it('activation registers exactly the commands a person can reach before dist/main.js starts (src/frontDoor.ts)', () => {
    // Before dist/main.js runs, none of the extension's context keys is set; the view may be shown.
    const early = { view: Views.apiKeys };
    const reachable = new Set(paletteCommands(manifest, early));
    for (const m of manifest.contributes.menus['view/title']) if (evaluateWhen(m.when ?? 'true', early)) reachable.add(m.command);
    // Links in the walkthrough (always shown) and in the welcome views shown while no key is set.
    const linkTexts = [
      ...manifest.contributes.walkthroughs.flatMap((w) => [w.description, ...w.steps.map((st) => st.description)]),
      ...manifest.contributes.viewsWelcome.filter((w) => evaluateWhen(w.when ?? 'true', early)).map((w) => w.contents),
    ].map((text) => (/^%.+%$/.test(text) ? nls[text.slice(1, -1)] : text));
    const contributed = manifest.contributes.commands.map((c) => c.command);
    for (const text of linkTexts) for (const [, id] of text.matchAll(/command:([\w.]+)/g)) if (contributed.includes(id)) reachable.add(id);
    assert.deepStrictEqual([...FRONT_DOOR_COMMANDS].sort(), [...reachable].sort());
    // Every command the extension contributes is one of the constants main.ts registers.
    assert.deepStrictEqual([...Object.values(Commands), ...Object.values(TreeCommands), TOGGLE_MASKING_COMMAND].sort(), [...contributed].sort());
  });
});

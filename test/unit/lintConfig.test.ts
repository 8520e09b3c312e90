/**
 * The layer fences of eslint.config.mjs, each shown failing on a deliberate violation and passing
 * the same import from a layer that may make it. The repo's own config is used through ESLint's
 * Node API, with typed linting switched off (the probes are not files of the TypeScript project;
 * the fences do not need types).
 */
import * as assert from 'assert';
import { ESLint } from 'eslint';
import * as path from 'path';
import tseslint from 'typescript-eslint';

const root = path.resolve(__dirname, '../../..');

async function restricted(file: string, importLine: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root, overrideConfig: [tseslint.configs.disableTypeChecked] });
  const [result] = await eslint.lintText(`${importLine}\nexport const probe = [x];\n`, { filePath: path.join(root, file) });
  assert.deepStrictEqual(result.messages.filter((m) => m.fatal), [], 'the probe parses');
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
}

describe('lint fences (eslint.config.mjs)', function () {
  this.timeout(30_000);

  const cases: Array<{ fence: string; file: string; bad: string; fine: string }> = [
    { fence: 'core imports no vscode', file: 'src/core/keys/probe.ts', bad: "import * as x from 'vscode';", fine: "import * as x from './status';" },
    { fence: 'core imports no platform', file: 'src/core/keys/probe.ts', bad: "import { x } from '../../platform/log';", fine: "import { x } from '../api/types';" },
    { fence: 'core imports no services', file: 'src/core/dotenv/probe.ts', bad: "import { x } from '../../services';", fine: "import { x } from '../common/errors';" },
    { fence: 'core imports no glue room', file: 'src/core/editor/probe.ts', bad: "import { x } from '../../envFiles/envIndex';", fine: "import { x } from '../dotenv/usages';" },
    { fence: 'platform imports no commands', file: 'src/platform/probe.ts', bad: "import { x } from '../commands/createApiKey';", fine: "import { x } from './config';" },
    { fence: 'platform imports no views', file: 'src/platform/probe.ts', bad: "import { x } from '../views/apiKeysTree';", fine: "import { x } from '../core/keys/status';" },
    { fence: 'platform imports no rooms with a job', file: 'src/platform/probe.ts', bad: "import { x } from '../envFiles/insertSecret';", fine: "import { x } from '../constants';" },
    { fence: 'platform imports no services', file: 'src/platform/probe.ts', bad: "import { x } from '../services';", fine: "import { x } from './log';" },
    { fence: 'ui imports no connection', file: 'src/ui/probe.ts', bad: "import { x } from '../connection/hostChoice';", fine: "import { x } from '../platform/log';" },
    { fence: 'connection imports no keys', file: 'src/connection/probe.ts', bad: "import { x } from '../keys/heldSecret';", fine: "import { x } from '../ui/ui';" },
    { fence: 'envFiles imports no keys', file: 'src/envFiles/probe.ts', bad: "import { x } from '../keys/offerSecret';", fine: "import { x } from '../connection/hostChoice';" },
    { fence: 'keys imports no auth', file: 'src/keys/probe.ts', bad: "import { x } from '../auth/signInWatcher';", fine: "import { x } from '../envFiles/insertSecret';" },
    { fence: 'auth imports no views', file: 'src/auth/probe.ts', bad: "import { x } from '../views/statusBar';", fine: "import { x } from '../keys/heldSecret';" },
    { fence: 'views import no commands', file: 'src/views/probe.ts', bad: "import { x } from '../commands/revokeApiKey';", fine: "import { x } from '../services';" },
    { fence: 'views import no editor', file: 'src/views/probe.ts', bad: "import { x } from '../editor/masking';", fine: "import { x } from '../auth/signInWatcher';" },
    { fence: 'editor imports no commands', file: 'src/editor/probe.ts', bad: "import { x } from '../commands/rotateApiKey';", fine: "import { x } from '../views/apiKeysTree';" },
    { fence: 'no room imports the entry', file: 'src/commands/probe.ts', bad: "import { x } from '../extension';", fine: "import { x } from '../editor/adapter';" },
    { fence: 'no room imports the composition root', file: 'src/views/probe.ts', bad: "import { x } from '../features';", fine: "import { x } from '../services';" },
    { fence: 'the entry imports no room', file: 'src/extension.ts', bad: "import { x } from './services';", fine: "import { x } from './constants';" },
    { fence: 'the entry imports no value of the features', file: 'src/extension.ts', bad: "import { x } from './features';", fine: "import type { x } from './features';" },
    { fence: 'the entry imports no value of a room deeper down', file: 'src/extension.ts', bad: "import { x } from './envFiles/envIndex';", fine: "import { x } from './envFiles/find';" },
    { fence: 'unit tests import no vscode', file: 'test/unit/probe.test.ts', bad: "import * as x from 'vscode';", fine: "import * as x from '../../src/core/keys/status';" },
    { fence: 'unit tests in the folders that mirror src/ import no vscode', file: 'test/unit/core/keys/probe.test.ts', bad: "import * as x from 'vscode';", fine: "import * as x from '../../../../src/core/keys/status';" },
  ];


  for (const c of cases) {
    it(`${c.fence}: fails on a violation, passes an allowed import`, async () => {
      const bad = await restricted(c.file, c.bad);
      assert.strictEqual(bad.length, 1, `${c.bad} in ${c.file} is refused`);
      assert.ok(bad[0].length > 40, `the refusal explains itself: ${bad[0]}`);
      assert.deepStrictEqual(await restricted(c.file, c.fine), [], `${c.fine} in ${c.file} is allowed`);
    });
  }

  it('commands may import views (the fence is one-way)', async () => {
    assert.deepStrictEqual(await restricted('src/commands/probe.ts', "import { x } from '../views/apiKeysTree';"), []);
  });
});

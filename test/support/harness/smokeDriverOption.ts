/**
 * Preloaded (`node --require`) into code-server releases older than 4.92, whose command line has
 * no `--vscode-option` and rejects options it does not know. It teaches code-server's own option
 * table `--enable-smoke-test-driver`, which code-server then hands to VS Code's server like every
 * other option (toCodeArgs copies all of them): the built workbench accepts the test payload
 * only with it. code-server's child process is forked with the same --require, so both agree.
 */
import * as path from 'path';

const entry = process.argv[1];
if (entry && path.basename(entry) === 'entry.js') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cli = require(path.join(path.dirname(entry), 'cli.js')) as { options?: Record<string, unknown> };
  if (cli.options && !cli.options['enable-smoke-test-driver']) {
    cli.options['enable-smoke-test-driver'] = { type: 'boolean', description: 'Enable the VS Code smoke-test driver (tests only).' };
  }
}

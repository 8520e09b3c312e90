/**
 * The leak scan, a root `after` hook of the trusted integration run (test/integration/index.ts
 * installs it): after every flow of the suite — token set and changed, keys created, copied,
 * inserted, revoked, every error path — the token and every secret the local APIs issued must
 * appear nowhere in the user-data dir (settings, state databases, logs, the Vued log). A hook that
 * fails counts as a failed test.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import { filesUnder, scanFiles } from '../support/leakScan';
import { allIssuedSecrets, keychainSecrets, STAGING_TOKEN, testingApi, TOKEN, userDataDir, workspaceDir } from '../support/integration';
import { sleep } from '../support/sleep';

export async function leakScan(this: Mocha.Context): Promise<void> {
  this.timeout(30_000);
  const t = await testingApi();
  const secrets = [...allIssuedSecrets];
  assert.ok(secrets.length >= 20, `the suite created keys (${secrets.length})`);
  await sleep(1500); // let VS Code flush state and log files
  const files = filesUnder(userDataDir(t));
  const vuedLog = filesUnder(t.logDir);
  assert.ok(vuedLog.length > 0 && files.includes(vuedLog[0]), 'the Vued log is inside the scanned tree');
  assert.match(fs.readFileSync(vuedLog[0], 'utf8'), /Created API key/, 'the log has content to scan');
  const needles = [
    { value: TOKEN, label: 'the token' },
    { value: TOKEN.toUpperCase(), label: 'the environment token' },
    { value: 'other-token', label: 'the second host\'s token' },
    { value: STAGING_TOKEN, label: 'the staging host\'s token' },
    ...secrets.map((value) => ({ value, label: 'a secret' })),
    ...[...keychainSecrets].filter((value) => !allIssuedSecrets.has(value)).map((value) => ({ value, label: 'a secret kept in the keychain' })),
  ];
  const hits = scanFiles(files, needles);
  console.log(`  leak scan: ${files.length} files checked for ${needles.length} values, ${hits.length} found`);
  assert.deepStrictEqual(hits, []);
  // A secret kept in the keychain was never meant for a file: none of the workspace's files holds it
  // (other suites insert other secrets into .env files on purpose).
  const workspaceFiles = filesUnder(workspaceDir());
  const kept = [...keychainSecrets].map((value) => ({ value, label: 'a secret kept in the keychain' }));
  const workspaceHits = scanFiles(workspaceFiles, kept);
  console.log(`  leak scan: ${workspaceFiles.length} workspace files checked for ${kept.length} secrets kept in the keychain, ${workspaceHits.length} found`);
  assert.ok(kept.length > 0, 'the suite kept secrets in the keychain');
  assert.deepStrictEqual(workspaceHits, []);
}

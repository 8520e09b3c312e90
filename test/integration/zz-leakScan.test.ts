/**
 * Runs last (files load in name order): after every flow of the suite — token set and changed, keys
 * created, copied, inserted, revoked, every error path — the token and every secret the local APIs
 * issued must appear nowhere in the user-data dir (settings, state databases, logs, the Vued log).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { allIssuedSecrets, testingApi, TOKEN, userDataDir } from './helpers';

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

describe('leak scan (integration)', () => {
  it('finds neither the token nor any created secret in the user-data dir or the extension log', async () => {
    const t = await testingApi();
    const secrets = [...allIssuedSecrets];
    assert.ok(secrets.length >= 20, `the suite created keys (${secrets.length})`);
    await new Promise((r) => setTimeout(r, 1500)); // let VS Code flush state and log files
    const files = filesUnder(userDataDir(t));
    const vuedLog = filesUnder(t.logDir);
    assert.ok(vuedLog.length > 0 && files.includes(vuedLog[0]), 'the Vued log is inside the scanned tree');
    assert.match(fs.readFileSync(vuedLog[0], 'utf8'), /Created API key/, 'the log has content to scan');
    const needles = [TOKEN, TOKEN.toUpperCase(), 'other-token', ...secrets];
    const hits: string[] = [];
    for (const file of files) {
      const bytes = fs.readFileSync(file);
      for (const needle of needles) {
        if (bytes.includes(Buffer.from(needle, 'utf8')) || bytes.includes(Buffer.from(needle, 'utf16le'))) {
          hits.push(`${path.relative(userDataDir(t), file)}: ${needle === TOKEN ? 'token' : 'a secret'}`);
        }
      }
    }
    console.log(`    leak scan: ${files.length} files checked for ${needles.length} values, ${hits.length} found`);
    assert.deepStrictEqual(hits, []);
  });
});

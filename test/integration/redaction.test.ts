/**
 * Redaction in the real extension host: what a hostile or careless server says in an error reaches
 * the message and the Vued log only scrubbed, including the secret of a key the sidebar listed
 * whose alphabet the shape rule does not know, and a credential pair after other pairs.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { Commands, TreeCommands } from '../../src/constants';
import { apiKey } from '../support/builders';
import { filesUnder } from '../support/leakScan';
import { apiSuite, createAnswers, messages, waitFor } from '../support/integration';

const ORG_R = '8d2f4a61-0c3e-4b7a-9e15-6f0a3c2b1d94';
/** A listed key's prefix, and its secret: `-` and `_` right after the prefix. */
const PREFIX = 'vued_sk_Ab9x';
const SECRET = `${PREFIX}-Q_7-zz_Kp3-Lm8_n`;
const PASSWORD = 'hunter2-pw';

describe('redaction of what the server says', () => {
  const suite = apiSuite();

  it("a listed key's secret holding - and _, and a password after another pair, reach neither the message nor the log", async () => {
    const { t, server } = suite;
    t.ui.queue(ORG_R, 'Redaction org');
    await vscode.commands.executeCommand(TreeCommands.addOrganization);
    t.ui.reset();
    server.seedKeys(ORG_R, [
      apiKey('k-dashed', { name: 'Dashed secret', keyPrefix: PREFIX, createdAt: Date.now() - 60_000 }),
    ]);
    // The sidebar lists the organization's keys, as when the user opens it.
    t.tree.refresh();
    const org = (await t.tree.roots()).find((r) => r.item.id?.endsWith(`/org:${ORG_R}`));
    assert.ok(org, 'the organization is in the tree');
    const rows = await t.tree.children(org.node);
    assert.ok(rows.some((r) => r.item.label === 'Dashed secret'), 'the key is listed');

    const marker = `locked-${Date.now()}`;
    server.misbehave({ method: 'POST', status: 500, contentType: 'application/json', body: JSON.stringify({ error: `key ${SECRET} is ${marker}; status: 423, password: ${PASSWORD}` }) });
    t.ui.queue(...createAnswers());
    await vscode.commands.executeCommand(Commands.createApiKey);
    const [error] = messages(t.ui.transcript, 'error');
    assert.ok(error, `an error was shown: ${JSON.stringify(messages(t.ui.transcript))}`);
    assert.ok(error.includes(`[redacted] is ${marker}; status: 423, password: [redacted]`), error);

    const [logFile] = filesUnder(t.logDir);
    await waitFor(() => fs.existsSync(logFile) && fs.readFileSync(logFile, 'utf8').includes(marker), 'the error to reach the Vued log');
    const log = fs.readFileSync(logFile, 'utf8');
    const lines = log.split('\n').filter((l) => l.includes(marker));
    assert.ok(lines.length > 0);
    for (const line of lines) {
      assert.ok(!line.includes('Q_7-zz') && !line.includes(PASSWORD), line);
      assert.ok(line.includes('password: [redacted]'), line);
    }
  });
});

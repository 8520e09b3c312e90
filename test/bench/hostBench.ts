/**
 * Benchmarks that need the real extension host: loaded by scripts/bench.mjs as extensionTestsPath
 * (through test/support/harness/extensionHost.ts, like the integration suite), in code-server's VS Code.
 *
 * - tree: 5,000 keys seeded into a local Vued API, the organization added through
 *   `vued.addOrganization`, loaded once; then `testing.tree.children(org)` and the children of its
 *   `Revoked and expired (N)` group (getChildren + getTreeItem for every key) timed over repeats.
 * - filter: on the same tree, `key 12 read` typed one character at a time: each keystroke sets the
 *   filter as the Filter Keys… quick pick does and reads the organization's rows and its group's
 *   rows again (what VS Code asks for after the change). Each keystroke's figure is its median over
 *   9 rounds; the row reports the slowest keystroke.
 * - create: `vued.createApiKey` answered by the scripted UI against the same local API, alternated
 *   with a bare `node:http` POST of the same body and token to the same server: the simplest
 *   request there is, without the client (30 pairs; median, quartiles and extremes of each side,
 *   and of the per-pair ratios).
 * - keychain: what a key kept for terminals and debugging adds to a session start (keychainBench).
 * - usages: the workspace holds test/bench/monorepo.ts's 20,000 files (2,000 `.env`), written on
 *   disk before VS Code started. View opened → usage rows: the tree refreshed (every file
 *   forgotten), then the organization's rows with their usages (list, read, scan). One `.env`
 *   saved → rows updated: an edit saved through VS Code, until the organization's rows show it.
 *
 * Prints one line `vued-bench: {json}` that the runner parses (times in ms). Nothing else in it is
 * a figure the runner reports.
 */
import * as assert from 'assert';
import * as http from 'node:http';
import { performance, PerformanceObserver } from 'perf_hooks';
import * as vscode from 'vscode';
import { Commands, TreeCommands } from '../../src/constants';
import type { PublicApiKey } from '../../src/core/api/types';
import { findEnvFiles } from '../../src/envFiles/find';
import type { VuedApiServer } from '../fixtures/vuedApiServer';
import { apiKey } from '../support/builders';
import type { Answer } from '../support/scriptedUi';
import { createAnswers, createPosts, ORG, signIn, startApi, testingApi, TOKEN } from '../support/integration';
import { sleep } from '../support/sleep';
import { MONOREPO_DIR, MONOREPO_ENV_FILES, MONOREPO_FILES, MONOREPO_KEYS, MONOREPO_ORG, plantedUsages, SAVED_PACKAGE } from './monorepo';
import { median, quantile, round } from './stats';

/** The organization step's last item, which asks for an id. */
const ENTER_ORG_ID = 'Enter organization ID…';

export const BENCH_LINE = 'vued-bench: ';

const TREE_ORG = '3f9a1c2e-6b4d-4e8f-a1b2-c3d4e5f60718';
const TREE_KEYS = 5_000;
const TREE_REPEATS = 40;
const CREATE_WARMUP = 3;
const CREATE_PAIRS = 30;
/** How long the scripted user looks at the last create question before pressing Enter. */
const THINK_MS = 150;
const DAY_S = 86_400;

type Testing = Awaited<ReturnType<typeof testingApi>>;



async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** 5,000 keys of every status, timestamps in seconds like the local API writes them. */
function seedKeys(n: number): PublicApiKey[] {
  const now = Math.floor(Date.now() / 1000);
  const scopes = [['read'], ['read', 'write'], ['admin'], [], ['billing:read', 'keys:write']];
  const keys: PublicApiKey[] = [];
  for (let i = 0; i < n; i++) {
    const hex = i.toString(16).padStart(12, '0');
    const kind = i % 10;
    keys.push(apiKey(`b0b0b0b0-0000-4000-8000-${hex}`, {
      name: `Service key ${i}`,
      keyPrefix: `vued_sk_${hex.slice(-4)}`,
      scopes: scopes[i % scopes.length],
      createdAt: now - (i % 400) * DAY_S - i,
      lastUsedAt: kind < 5 ? now - (i % 30) * DAY_S : null,
      expiresAt: kind === 7 ? now - DAY_S : kind === 8 ? now + 3 * DAY_S : kind === 9 ? now + 90 * DAY_S : null,
      revokedAt: kind === 6 ? now - 2 * DAY_S : null,
    }));
  }
  return keys;
}

async function treeBench(t: Testing, server: VuedApiServer): Promise<Record<string, unknown>> {
  server.seedKeys(TREE_ORG, seedKeys(TREE_KEYS));
  t.ui.reset();
  t.ui.queue(TREE_ORG, 'Bench org');
  await vscode.commands.executeCommand(TreeCommands.addOrganization);
  t.tree.refresh();
  const roots = await t.tree.roots();
  const org = roots.find((r) => r.item.id?.endsWith(`/org:${TREE_ORG}`));
  assert.ok(org, `the bench organization is in the tree: ${roots.map((r) => r.item.id).join(', ')}`);

  // The organization's rows and, as a user who expands it sees them, the group's rows.
  type Rows = Awaited<ReturnType<Testing['tree']['children']>>;
  const expandAll = async (): Promise<Rows> => {
    const top = await t.tree.children(org.node);
    const group = top.find((r) => r.item.contextValue === 'inactiveKeys');
    return group ? [...top.filter((r) => r !== group), ...(await t.tree.children(group.node))] : top;
  };
  // First expansion: GET of 5,000 keys, JSON parse and shape check, sort, group, nodes, items.
  let rows: Rows = [];
  const firstLoadMs = await timed(async () => (rows = await expandAll()));
  assert.strictEqual(rows.length, TREE_KEYS, `all ${TREE_KEYS} keys are rows`);
  const inactive = (await t.tree.children(org.node)).find((r) => r.item.contextValue === 'inactiveKeys');
  assert.ok(inactive, 'the revoked and expired keys are grouped');
  const lists = server.count('GET', `/orgs/${TREE_ORG}/api-keys`);

  for (let i = 0; i < 5; i++) await expandAll();
  // Garbage collections that fall inside the timed calls are part of the cost, but are reported
  // too, since one major GC of the whole extension host heap can be most of a sample.
  let gcMs = 0;
  const gcObserver = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcMs += e.duration;
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  const samples: number[] = [];
  for (let i = 0; i < TREE_REPEATS; i++) {
    samples.push(await timed(async () => (rows = await expandAll())));
  }
  await sleep(0);
  gcObserver.disconnect();
  assert.strictEqual(rows.length, TREE_KEYS);
  assert.strictEqual(server.count('GET', `/orgs/${TREE_ORG}/api-keys`), lists, 'the timed calls did not list again');
  // Filtering as the user types.
  const query = 'key 12 read';
  const perKeystroke: number[][] = Array.from({ length: query.length }, () => []);
  const found: number[] = [];
  for (let r = 0; r < 10; r++) {
    for (let n = 1; n <= query.length; n++) {
      const ms = await timed(async () => {
        t.tree.setFilter(query.slice(0, n));
        found[n - 1] = (await expandAll()).filter((x) => String(x.item.contextValue).startsWith('apiKey')).length;
      });
      if (r > 0) perKeystroke[n - 1].push(ms); // the first round warms up
    }
  }
  t.tree.setFilter('');
  const expected = seedKeys(TREE_KEYS).filter((k) => ['key', '12', 'read'].every((w) => [k.name, k.keyPrefix, ...k.scopes].some((f) => f.toLowerCase().includes(w)))).length;
  assert.strictEqual(found[query.length - 1], expected, 'the filtered tree shows the matching keys');
  assert.ok(expected > 0);
  const keystrokeMs = perKeystroke.map((xs) => median(xs));
  const filter = { query, matches: expected, keystrokeMaxMs: round(Math.max(...keystrokeMs)), keystrokeMedianMs: round(median(keystrokeMs)), keystrokeSamplesMs: keystrokeMs.map((x) => round(x)) };

  return { keys: TREE_KEYS, group: String(inactive.item.label), filter, medianMs: round(median(samples)), samplesMs: samples.map((x) => round(x)), gcDuringSamplesMs: round(gcMs), firstLoadMs: round(firstLoadMs) };
}

async function createBench(t: Testing, server: VuedApiServer): Promise<Record<string, unknown>> {
  const url = `${server.url}/orgs/${ORG}/api-keys`;
  const body = JSON.stringify({ name: 'Bench key', scopes: ['read', 'write'], expires_at: null });

  // The baseline: one http.request with the client's headers, the whole answer read and parsed;
  // no client, no timeout, no signal. Node sets Content-Length from the body given to end().
  const barePost = (): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const req = http.request(url, {
        method: 'POST',
        headers: { Accept: 'application/json', Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json', 'User-Agent': 'vued-api-keys-vscode' },
      });
      req.on('error', reject);
      req.on('response', (res) => {
        const parts: Buffer[] = [];
        res.on('data', (chunk: Buffer) => parts.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          try {
            const text = Buffer.concat(parts).toString('utf8');
            assert.strictEqual(res.statusCode, 200, `bare POST answered ${res.statusCode}: ${text.slice(0, 200)}`);
            JSON.parse(text);
            resolve();
          } catch (e) {
            reject(e instanceof Error ? e : new Error(String(e)));
          }
        });
      });
      req.end(body);
    });

  // Where the command's time goes, from the server's arrival stamp (same process, same clock, ms).
  const untilRequestMs: number[] = [];
  const afterRequestMs: number[] = [];
  const enterToOfferMs: number[] = [];
  // `asAPerson`: the last question is answered THINK_MS after it shows, as a person would (the
  // journal entry is written while it is open); Enter → offer is timed on those runs only. The
  // whole command is timed with every answer given at once.
  const command = async (asAPerson = false): Promise<void> => {
    t.ui.reset();
    // The organization step lists the sidebar's organizations by label; the bench's is typed in.
    const answers: Answer[] = [ENTER_ORG_ID, ...createAnswers({ name: 'Bench key', scopes: 'read, write', expiry: 'Never' })];
    if (asAPerson) {
      const last = answers.pop() as string;
      answers.push(() => sleep(THINK_MS).then(() => last));
    }
    t.ui.queue(...answers, '$cancel', 'Finish Without Saving It');
    const before = createPosts(server).length;
    const started = Date.now();
    await vscode.commands.executeCommand(Commands.createApiKey);
    const ended = Date.now();
    assert.strictEqual(t.ui.pending(), 0, `every scripted answer was used: ${JSON.stringify(t.ui.transcript)}`);
    const posts = createPosts(server);
    assert.strictEqual(posts.length, before + 1, 'the command sent one POST');
    if (!asAPerson) {
      untilRequestMs.push(posts[posts.length - 1].at - started);
      afterRequestMs.push(ended - posts[posts.length - 1].at);
      return;
    }
    // What the user waits for: Enter on the last question (the scripted answer's moment) → the secret offered.
    const enter = t.ui.transcript.find((e) => e.kind === 'pick' && e.text === 'When should the key expire?');
    const offer = t.ui.transcript.find((e) => e.kind === 'message' && e.modal);
    assert.ok(enter?.at !== undefined && offer?.at !== undefined, 'the last question and the offer were timed');
    enterToOfferMs.push(offer.at - enter.at);
  };

  // The flow up to the request, cancelled at the last step: token from SecretStorage, settings, inputs.
  const beforeRequest = async (): Promise<void> => {
    t.ui.reset();
    t.ui.queue(ENTER_ORG_ID, ORG, 'Bench key', 'read, write', '$cancel');
    await vscode.commands.executeCommand(Commands.createApiKey);
  };

  // One round trip to the workbench (the renderer, in the browser for code-server).
  let tick = 0;
  const roundTrip = async (): Promise<void> => {
    await vscode.commands.executeCommand('setContext', 'vuedBench.tick', ++tick);
  };

  // A progress notification opened and closed, as the command does around its request.
  const progress = async (): Promise<void> => {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Vued bench', cancellable: true }, async () => undefined);
  };

  for (let i = 0; i < CREATE_WARMUP; i++) {
    await command();
    await command(true);
    await barePost();
    await beforeRequest();
    await roundTrip();
    await progress();
  }
  untilRequestMs.length = 0;
  afterRequestMs.length = 0;
  enterToOfferMs.length = 0;
  const commandMs: number[] = [];
  const postMs: number[] = [];
  const beforeRequestMs: number[] = [];
  const roundTripMs: number[] = [];
  const progressMs: number[] = [];
  for (let i = 0; i < CREATE_PAIRS; i++) {
    // Alternate which goes first, so drift and warm caches do not favour one side.
    if (i % 2 === 0) {
      commandMs.push(await timed(command));
      postMs.push(await timed(barePost));
    } else {
      postMs.push(await timed(barePost));
      commandMs.push(await timed(command));
    }
    await command(true);
    beforeRequestMs.push(await timed(beforeRequest));
    roundTripMs.push(await timed(roundTrip));
    progressMs.push(await timed(progress));
  }
  const cmd = median(commandMs);
  const post = median(postMs);
  const spread = (xs: number[]) => ({ min: round(Math.min(...xs)), p25: round(quantile(xs, 0.25)), median: round(median(xs)), p75: round(quantile(xs, 0.75)), max: round(Math.max(...xs)) });
  const pairRatios = commandMs.map((c, i) => c / postMs[i]);
  return {
    pairs: CREATE_PAIRS,
    commandMedianMs: round(cmd),
    postMedianMs: round(post),
    ratio: round(cmd / post),
    enterToOfferMedianMs: round(median(enterToOfferMs)),
    enterRatio: round(median(enterToOfferMs) / post),
    enterToOfferSpreadMs: spread(enterToOfferMs),
    commandSpreadMs: spread(commandMs),
    postSpreadMs: spread(postMs),
    pairRatioSpread: spread(pairRatios),
    commandSamplesMs: commandMs.map((x) => round(x)),
    postSamplesMs: postMs.map((x) => round(x)),
    // Attribution (not budgeted): the flow before the request, and one workbench round trip.
    beforeRequestMedianMs: round(median(beforeRequestMs)),
    commandStartToRequestMedianMs: median(untilRequestMs),
    requestToCommandEndMedianMs: median(afterRequestMs),
    workbenchRoundTripMedianMs: round(median(roundTripMs)),
    progressNotificationMedianMs: round(median(progressMs)),
  };
}

async function usageBench(t: Testing, server: VuedApiServer): Promise<Record<string, unknown>> {
  const now = Math.floor(Date.now() / 1000);
  server.seedKeys(
    MONOREPO_ORG,
    MONOREPO_KEYS.map((k) => apiKey(k.id, { ...k, createdAt: now })),
  );
  t.ui.reset();
  t.ui.queue(MONOREPO_ORG, 'Monorepo org');
  await vscode.commands.executeCommand(TreeCommands.addOrganization);
  const orgRow = async () => {
    const roots = await t.tree.roots();
    const org = roots.find((r) => r.node.kind === 'organization' && r.node.org.id === MONOREPO_ORG);
    assert.ok(org, 'the monorepo organization is in the tree');
    return org.node;
  };
  const usageRows = async () => {
    const rows = await t.tree.children(await orgRow());
    let n = 0;
    for (const r of rows) if (r.node.kind === 'apiKey') n += r.node.usages.length;
    return { rows, usages: n };
  };
  const expected = plantedUsages();

  // View opened → usage rows, everything read from disk again each time.
  const openMs: number[] = [];
  for (let i = 0; i < 5; i++) {
    t.tree.refresh();
    await sleep(50);
    let found = 0;
    openMs.push(await timed(async () => (found = (await usageRows()).usages)));
    assert.strictEqual(found, expected, `every planted usage is a row (${found} of ${expected})`);
  }
  assert.ok(!(await usageRows()).rows.some((r) => r.node.kind === 'message'), 'no cap row: 2,000 files are under the cap');
  // Attribution (not budgeted): listing the .env files alone, as the index lists them.
  const listMs: number[] = [];
  for (let i = 0; i < 3; i++) {
    let n = 0;
    listMs.push(await timed(async () => (n = (await findEnvFiles(5_001)).length)));
    assert.ok(n >= MONOREPO_ENV_FILES, `the listing finds the monorepo's .env files (${n})`);
  }

  // One .env saved → rows updated.
  const folder = vscode.workspace.workspaceFolders![0].uri;
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, MONOREPO_DIR, 'packages', SAVED_PACKAGE, '.env'));
  const key = MONOREPO_KEYS[0];
  const saved = { at: 0 };
  const sub = vscode.workspace.onDidSaveTextDocument((d) => {
    if (d.uri.toString() === doc.uri.toString()) saved.at = performance.now();
  });
  const saveMs: number[] = [];
  const fromEventMs: number[] = [];
  const readsBefore = t.envIndex.readCount();
  try {
    for (let i = 0; i < 12; i++) {
      const extra = i % 2 === 0;
      const base = doc.getText().replace(/^EXTRA_KEY=.*\n/m, '');
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), extra ? `EXTRA_KEY=${key.keyPrefix}${'y'.repeat(24)}\n${base}` : base);
      assert.ok(await vscode.workspace.applyEdit(edit));
      const want = expected + (extra ? 1 : 0);
      saved.at = 0;
      const t0 = performance.now();
      assert.ok(await doc.save());
      let got = -1;
      while ((got = (await usageRows()).usages) !== want) {
        await new Promise((r) => setImmediate(r));
        if (performance.now() - t0 > 10_000) throw new Error(`rows not updated after a save: ${got}, want ${want}`);
      }
      const t1 = performance.now();
      if (i >= 2) {
        saveMs.push(t1 - t0);
        fromEventMs.push(t1 - (saved.at || t0));
      }
    }
  } finally {
    sub.dispose();
  }
  await sleep(500);
  const rereadPerSave = (t.envIndex.readCount() - readsBefore) / 12;
  return {
    files: MONOREPO_FILES,
    envFiles: MONOREPO_ENV_FILES,
    usages: expected,
    openToRowsMedianMs: round(median(openMs)),
    openToRowsSamplesMs: openMs.map((x) => round(x)),
    listingMedianMs: round(median(listMs)),
    saveToRowsMedianMs: round(median(saveMs)),
    saveEventToRowsMedianMs: round(median(fromEventMs)),
    saveToRowsSamplesMs: saveMs.map((x) => round(x)),
    filesReadPerSave: round(rereadPerSave, 2),
  };
}

const KEYCHAIN_REPEATS = 200;
const KEYCHAIN_VARIABLES = 3;

/**
 * What a key kept in the keychain adds to a session start: the debug configuration stand-in's work
 * (resolveDebugConfigurationWithSubstitutedVariables after VS Code's substitution) and the
 * environment of New Terminal with Vued Keys. Timed with nothing held (the path every debug
 * session of every workspace takes), with three variables held (the secrets in this window's
 * memory), and as the first session of a window opened later, which reads them from SecretStorage.
 */
async function keychainBench(t: Testing, server: VuedApiServer): Promise<Record<string, unknown>> {
  const origin = new URL(server.url).origin;
  const config = (): vscode.DebugConfiguration => ({ type: 'node', request: 'launch', name: 'Bench', program: '/tmp/bench.js', env: { PORT: '3000' } });
  assert.deepStrictEqual(t.keychain.mappings(), [], 'nothing is held before the bench');
  const repeat = async (fn: () => Promise<unknown>): Promise<number[]> => {
    const xs: number[] = [];
    for (let i = 0; i < KEYCHAIN_REPEATS; i++) xs.push(await timed(fn));
    return xs;
  };
  const noneMs = await repeat(() => t.keychain.resolveDebug(config()));
  const held = Array.from({ length: KEYCHAIN_VARIABLES }, (_, i) => ({
    key: { origin, orgId: ORG, id: `b1000000-0000-4000-8000-00000000000${i}`, name: `Bench held ${i}`, keyPrefix: `vued_sk_Bh0${i}` },
    secret: `vued_sk_Bh0${i}${'Q'.repeat(36)}`,
    variable: `BENCH_KEY_${i}`,
  }));
  try {
    for (const h of held) await t.keychain.hold(h.key, h.secret, h.variable);
    // The first session of a window opened later reads the secrets from SecretStorage (median of 9
    // such windows, each a store that has read nothing yet).
    const firstSamples: number[] = [];
    let firstReads = 0;
    for (let i = 0; i < 9; i++) {
      let first: Awaited<ReturnType<Testing['keychain']['resolveDebugAsNewWindow']>> | undefined;
      firstSamples.push(await timed(async () => (first = await t.keychain.resolveDebugAsNewWindow(config()))));
      firstReads = first?.reads ?? 0;
      assert.deepStrictEqual(Object.keys((first?.config.env ?? {}) as object).sort(), ['BENCH_KEY_0', 'BENCH_KEY_1', 'BENCH_KEY_2', 'PORT'], 'the held variables were merged');
    }
    const firstMs = median(firstSamples);
    assert.strictEqual(firstReads, KEYCHAIN_VARIABLES, 'a new window reads each secret once');
    const debugMs = await repeat(() => t.keychain.resolveDebug(config()));
    const terminalMs = await repeat(() => t.keychain.terminalVariables());
    assert.deepStrictEqual(await t.keychain.terminalVariables(), ['BENCH_KEY_0', 'BENCH_KEY_1', 'BENCH_KEY_2']);
    return {
      variables: KEYCHAIN_VARIABLES,
      repeats: KEYCHAIN_REPEATS,
      noneMedianMs: round(median(noneMs), 4),
      debugMedianMs: round(median(debugMs), 4),
      debugP95Ms: round(quantile(debugMs, 0.95), 4),
      terminalMedianMs: round(median(terminalMs), 4),
      terminalP95Ms: round(quantile(terminalMs, 0.95), 4),
      firstMs: round(firstMs, 3),
      firstSamplesMs: firstSamples.map((x) => round(x, 2)),
      firstReads,
    };
  } finally {
    for (const h of held) await t.keychain.forget(origin, h.key.id);
  }
}

export async function run(): Promise<void> {
  const result: Record<string, unknown> = { vscode: vscode.version, node: process.version };
  let server: VuedApiServer | undefined;
  try {
    const t = await testingApi();
    server = await startApi();
    await signIn(t);
    result.tree = await treeBench(t, server);
    result.create = await createBench(t, server);
    result.usage = await usageBench(t, server);
    result.keychain = await keychainBench(t, server);
  } catch (e) {
    result.error = e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e);
  } finally {
    await server?.close();
  }
  console.log(`${BENCH_LINE}${JSON.stringify(result)}`);
  if (result.error) {
    throw new Error(String(result.error));
  }
}

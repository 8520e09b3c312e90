/** Shared by the integration suites: the extension's test API, the local Vued API, settings. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../src/constants';
import type { VuedApi } from '../../src/extension';
import type { TreeNode } from '../../src/views/tree/treeNode';
import type { TranscriptEntry } from './scriptedUi';
import type { TestingApi } from './testApi';
import { type RecordedRequest, startVuedApiServer, type VuedApiServer } from '../fixtures/vuedApiServer';
import { sleep } from './sleep';

export const TOKEN = `it-token-${process.pid}-Zq8v`;
/** The token of the second host in the two-host tests (scanned for by the leak scan too). */
export const STAGING_TOKEN = `it-staging-${process.pid}-Kp3w`;
export const ORG = '5b0c2a4e-7f1d-4c8e-9a3b-2d6f8e1c0a97';

export async function testingApi(): Promise<TestingApi> {
  const ext = vscode.extensions.getExtension<VuedApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed`);
  const api = await ext.activate();
  const testing = await api.testing;
  assert.ok(testing, 'the extension runs in test mode, so activate() returns the testing API');
  return testing;
}

/** Whether the extension host has loaded the features' file (src/extension.ts requires it on first need). */
export function featuresLoaded(): boolean {
  const file = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist', 'features.js');
  return Object.keys(require.cache).includes(file);
}

export async function setSetting(key: string, value: unknown, target = vscode.ConfigurationTarget.Global): Promise<void> {
  await vscode.workspace.getConfiguration('vued').update(key, value, target);
}

/** Every secret any local API issued during the run (kept across resets), for the final leak scan. */
export const allIssuedSecrets = new Set<string>();

/**
 * Secrets kept only in the keychain (Use in Terminals and Debugging, Keep in Keychain Instead once
 * their line is gone): the final leak scan also looks for them in the workspace folder.
 */
export const keychainSecrets = new Set<string>();

/** A fresh local Vued API with `vued.apiBaseUrl` pointing at it. */
export async function startApi(options: Partial<Parameters<typeof startVuedApiServer>[0]> = {}): Promise<VuedApiServer> {
  const server = await startVuedApiServer({ token: TOKEN, ...options });
  const remember = () => server.issued().forEach((i) => allIssuedSecrets.add(i.secret));
  const reset = server.reset.bind(server);
  const close = server.close.bind(server);
  server.reset = () => {
    remember();
    reset();
  };
  server.close = () => {
    remember();
    return close();
  };
  await setSetting('apiBaseUrl', server.url);
  return server;
}

export function workspaceDir(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return folder.uri.fsPath;
}

/** Writes a file under the workspace (creating folders) and returns its absolute path. */
export function writeWorkspaceFile(rel: string, content: string | Buffer): string {
  const file = path.join(workspaceDir(), rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

export function messages(transcript: TranscriptEntry[], level?: 'info' | 'warning' | 'error'): string[] {
  return transcript.filter((t) => t.kind === 'message' && (level === undefined || t.level === level)).map((t) => t.text);
}

/** The body of each POST that created a key. */
export function createPosts(server: VuedApiServer): RecordedRequest[] {
  return server.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/api-keys'));
}

/**
 * Answers for the create flow up to the secret offer. The organization answer works both as a typed
 * ID (no organization known yet) and as the pick of a recent one (matched by value).
 */
export function createAnswers(opts: { org?: string; name?: string; scopes?: string; expiry?: string } = {}): string[] {
  return [opts.org ?? ORG, opts.name ?? 'CI key', opts.scopes ?? 'read, write', opts.expiry ?? 'Never'];
}

/** Every secret the local API issued, for asserting where they went (and did not go). */
export function issuedSecrets(server: VuedApiServer): string[] {
  return server.issued().map((i) => i.secret);
}

/** Stores the test token through the real command (and so in the real SecretStorage). */
export async function signIn(t: Awaited<ReturnType<typeof testingApi>>): Promise<void> {
  t.ui.reset();
  t.ui.queue(TOKEN);
  await vscode.commands.executeCommand('vued.setToken');
  t.ui.reset();
}

/** Polls `condition` until it holds (for state VS Code updates asynchronously), failing after `ms`. */
export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > end) {
      assert.fail(`timed out waiting for ${what}`);
    }
    await sleep(25);
  }
}

/**
 * Waits for `condition` to follow a change made on disk. VS Code's file watcher sometimes delivers
 * the event late, or on a loaded machine not within `watcherMs`; then `rescan` starts the scan or
 * refresh the event would have started (and resolves once it is done), and the condition must hold
 * after it. The fallback is logged, so a run shows when it was used.
 */
export async function afterWatcher(
  condition: () => boolean | Promise<boolean>, what: string, rescan: () => unknown, watcherMs = 5000,
): Promise<void> {
  try {
    await waitFor(condition, `${what} (from the file watcher)`, watcherMs);
  } catch {
    console.log(`      ${what}: no watcher event within ${watcherMs / 1000} s; scanning again`);
    await rescan();
    await waitFor(condition, what, 10000);
  }
}

/** The user-data dir of this VS Code: the extension's log folder lives below it (<user-data>/logs/…). */
export function userDataDir(t: Awaited<ReturnType<typeof testingApi>>): string {
  const i = t.logDir.lastIndexOf(`${path.sep}logs${path.sep}`);
  assert.ok(i > 0, `cannot find the user-data dir from ${t.logDir}`);
  return t.logDir.slice(0, i);
}

export type Testing = Awaited<ReturnType<typeof testingApi>>;

export interface ApiSuite {
  t: Testing;
  server: VuedApiServer;
}

/** After a failed test, prints what the scripted UI was asked and answered. Call it inside `describe`. */
export function printTranscriptOnFailure(testing: () => Awaited<ReturnType<typeof testingApi>> | undefined): void {
  afterEach(function () {
    if (this.currentTest?.state === 'failed') {
      console.log(`    transcript: ${JSON.stringify(testing()?.ui.transcript, null, 1)}`);
    }
  });
}

/**
 * The hooks every suite against the local API needs: start it and point vued.apiBaseUrl at it (and
 * sign in, unless told not to), reset the scripted UI and the server before each test, print the
 * transcript of a failed test, and put the settings back afterwards. Call it inside `describe`.
 */
export function apiSuite(opts: { signIn?: boolean; resetSettings?: string[] } = {}): ApiSuite {
  const suite = {} as ApiSuite;
  before(async () => {
    suite.t = await testingApi();
    suite.server = await startApi();
    if (opts.signIn !== false) {
      await signIn(suite.t);
    }
  });
  beforeEach(async () => {
    suite.t.ui.reset();
    suite.server.reset();
    await setSetting('apiBaseUrl', suite.server.url);
  });
  printTranscriptOnFailure(() => suite.t);
  after(async () => {
    for (const key of ['apiBaseUrl', ...(opts.resetSettings ?? [])]) {
      await setSetting(key, undefined);
    }
    await suite.server.close();
  });
  return suite;
}

/** The row of the key named `name` under `org` that is not revoked (a rotation leaves a revoked namesake). */
export async function liveKeyNode(t: Testing, org: TreeNode, name: string): Promise<TreeNode> {
  const rows = await t.tree.children(org);
  const row = rows.find((r) => r.item.label === name && !String(r.item.description).includes('revoked'));
  assert.ok(row, `key ${name} is listed: ${rows.map((r) => r.item.label).join(', ')}`);
  return row.node;
}

/**
 * What the keychain suites share: a terminal's shell and a Node program under the debugger each
 * write the SHA-256 of a variable to a file outside the workspace and the user-data dir, so a test
 * compares hashes, never secrets.
 */
import * as assert from 'assert';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import { waitFor, writeWorkspaceFile } from './integration';
import { sleep } from './sleep';

export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

/** A temp folder outside the workspace and the user-data dir, for the hashes the programs write. */
let out: string | undefined;
let outputs = 0;

function output(name: string): string {
  out ??= fs.mkdtempSync(path.join(os.tmpdir(), 'vued-keychain-'));
  return path.join(out, `${name}-${++outputs}.txt`);
}

/** Removes the folder of the hashes. */
export function removeOutputs(): void {
  if (out) fs.rmSync(out, { recursive: true, force: true });
  out = undefined;
}

/** Waits for `file` to hold a whole line and returns it. */
async function readWhenWritten(file: string, what: string, ms = 30_000): Promise<string> {
  await waitFor(() => fs.existsSync(file) && fs.readFileSync(file, 'utf8').trim().length > 0, what, ms);
  return fs.readFileSync(file, 'utf8').trim();
}

/** The SHA-256 of `$variable` as `terminal`'s shell sees it (of '' when unset), written by the shell. */
export async function terminalHash(terminal: vscode.Terminal, variable: string): Promise<string> {
  const file = output('terminal');
  terminal.sendText(`printf %s "\${${variable}}" | sha256sum | cut -d' ' -f1 > '${file}'`);
  return readWhenWritten(file, `the terminal's shell to hash ${variable}`);
}

/** A Node program that writes the SHA-256 of its `process.env[name]` (or `unset`) to a file. */
export function hashProgram(): string {
  return writeWorkspaceFile('keychain/hash-env.js', [
    "const { createHash } = require('crypto');",
    "const [name, file] = process.argv.slice(2);",
    'const value = process.env[name];',
    "require('fs').writeFileSync(file, value === undefined ? 'unset' : createHash('sha256').update(value).digest('hex'));",
    '',
  ].join('\n'));
}

/** Runs the hash program under the built-in JavaScript debugger with `config` merged in; returns what it wrote. */
export async function debugHash(variable: string, config: Partial<vscode.DebugConfiguration> = {}): Promise<string> {
  const folder = vscode.workspace.workspaceFolders![0];
  const file = output('debug');
  const ended = new Promise<void>((resolve) => {
    const sub = vscode.debug.onDidTerminateDebugSession(() => {
      sub.dispose();
      resolve();
    });
  });
  const started = await vscode.debug.startDebugging(folder, {
    type: 'node', request: 'launch', name: 'Vued hash', program: hashProgram(), args: [variable, file], console: 'internalConsole', ...config,
  });
  assert.ok(started, 'the debug session started');
  const hash = await readWhenWritten(file, `the debugged program to hash ${variable}`, 60_000);
  await Promise.race([ended, sleep(10_000)]);
  return hash;
}

/** Runs New Terminal with Vued Keys and returns the terminal it opened (undefined if it opened none). */
export async function newTerminalWithKeys(): Promise<vscode.Terminal | undefined> {
  return vscode.commands.executeCommand<vscode.Terminal | undefined>(Commands.newTerminalWithKeys);
}


/**
 * What the editor features need from the rest of the extension: the known keys and the flows the
 * composition root hands over, the workspace's files (workspaceFiles.ts), and the questions and
 * the error path of the UI. Everything here is cached or local except `loadKeysOnce` (one silent
 * key-list load) and the user-started flows (rotate, create).
 */
import type * as vscode from 'vscode';
import type { KnownKey } from '../core/editor';
import type { WorkspaceFiles } from './workspaceFiles';

export interface EditorLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface EditorDeps {
  /**
   * The keys the extension knows: the cached key lists (every organization loaded so far) and the
   * keys created from this VS Code (remembered metadata). No network.
   */
  knownKeys(): readonly KnownKey[];
  /** Fires when the cached key list changes: a refresh, a key created, revoked or rotated here. */
  readonly onDidChangeKeys: vscode.Event<void>;
  /**
   * Loads the key list of the organizations not loaded yet, silently: at most once per window per
   * organization, and nothing at all when signed out.
   */
  loadKeysOnce(): Promise<void>;
  /** Shows the key in the sidebar. */
  revealKey(keyId: string): Promise<void>;
  /** Runs the existing rotation of the key (it asks before anything is created). */
  rotateKey(keyId: string): Promise<void>;
  /**
   * Runs the existing create flow with the organization prefilled, on the API host `origin` (the
   * host whose key list holds the key being replaced; when unknown, the flow asks if several hosts
   * are signed in); `use` receives the new secret (before it is offered for Copy) and returns where
   * it was written, shown to the user.
   */
  createKey(orgId: string | undefined, use: (secret: string) => Promise<string>, origin?: string): Promise<void>;
  /** What the features read and write in the workspace's files. */
  readonly files: WorkspaceFiles;
  /** The variable name for Move to .env: asks, with `vued.envVariableName` as the default. */
  askVariableName(): Promise<string | undefined>;
  /** The one error path (log + short sentence with Show Logs). */
  showError(what: string, err: unknown): Promise<void>;
  log: EditorLog;
}

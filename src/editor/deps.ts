/**
 * What the editor features need from the rest of the extension. Everything here is cached or local
 * except `loadKeysOnce` (one silent key-list load) and the user-started flows (rotate, create).
 */
import type * as vscode from 'vscode';
import type { GitVerdict, KnownKey } from '../core/editor';
import type { PublicApiKey } from '../core/api/types';
import type { TextEdit } from '../core/common/textEdit';

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
  createKey(
    orgId: string | undefined,
    use: (secret: string) => Promise<string>,
    origin?: string,
    /** The key being replaced (its name, scopes and lifetime are carried over) and the variable that held it. */
    replacing?: { key?: Pick<PublicApiKey, 'name' | 'scopes' | 'createdAt' | 'expiresAt'>; variable?: string },
  ): Promise<void>;
  /** Every workspace `.env` / `.env.*` file, excludes applied. */
  findEnvFiles(): Thenable<vscode.Uri[]>;
  /**
   * The files of each workspace folder that git tracks or does not ignore (`git ls-files`), or, in
   * a folder outside any repository, those `files.exclude`/`search.exclude` leave; at most `max`
   * (`capped` says the list was cut). Local only: git and the file system.
   */
  listWorkspaceFiles(max: number): Promise<{ uris: vscode.Uri[]; capped: boolean }>;
  /** A closed file's bytes decoded as UTF-8; undefined when missing, not a plain file (a link), over 1 MiB or binary. */
  readSourceFile(uri: vscode.Uri): Promise<string | undefined>;
  /** `.env` or `.env.<anything>`. */
  isEnvFile(uri: vscode.Uri): boolean;
  /** The file's text: the open editor buffer, else the bytes on disk ('' when it does not exist). */
  readText(uri: vscode.Uri): Promise<string>;
  /**
   * Edits the file through the one write path, byte-preserving (an open editor is edited, undoable):
   * `plan` is called on the file's text as it is at the moment of writing (maybe more than once)
   * and returns the one edit; an error it throws refuses the write with its sentence.
   */
  editFile(uri: vscode.Uri, plan: (current: string) => TextEdit): Promise<void>;
  /**
   * Writes `variable=value` into the `.env` of the file's workspace folder through the
   * byte-preserving upsert; asks before replacing an existing definition. Returns where it was
   * written, or undefined when the user stopped.
   */
  writeWorkspaceEnv(near: vscode.Uri, variable: string, value: string): Promise<string | undefined>;
  /** Appends the file to the `.gitignore` beside it (nothing when it is there already). */
  addToGitignore(uri: vscode.Uri): Promise<void>;
  /** What git would do with the file. */
  gitVerdict(uri: vscode.Uri): Promise<GitVerdict>;
  /** The variable name for Move to .env: asks, with `vued.envVariableName` as the default. */
  askVariableName(): Promise<string | undefined>;
  /** The one error path (log + short sentence with Show Logs). */
  showError(what: string, err: unknown): Promise<void>;
  log: EditorLog;
}

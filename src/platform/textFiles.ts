import { promises as fs } from 'fs';
import * as path from 'path';
/**
 * Text files as the user sees them, and the one write path every flow calls (updateTextFile):
 * insert, replace, remove, rotate and .gitignore lines all reach the disk or the editor here.
 */
import * as vscode from 'vscode';
import { msg } from '../core/messages';
import { applyEdit, type TextEdit } from '../core/textEdit';
import { UnsafeWriteError, updateFile } from './fileWrite';

/** A text file as the user sees it: the open editor buffer (even unsaved) or else the bytes on disk. */
export interface TextSource {
  uri: vscode.Uri;
  text: string;
  exists: boolean;
  document?: vscode.TextDocument;
}

export { UnsafeWriteError };

export async function readTextSource(uri: vscode.Uri): Promise<TextSource> {
  const document = openDocument(uri);
  if (document) {
    return { uri, text: document.getText(), exists: true, document };
  }
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch (e) {
    if (e instanceof vscode.FileSystemError && e.code === 'FileNotFound') {
      return { uri, text: '', exists: false };
    }
    throw e;
  }
  const text = Buffer.from(bytes).toString('utf8'); // keeps a BOM as U+FEFF
  if (!Buffer.from(text, 'utf8').equals(Buffer.from(bytes))) {
    throw new UnsafeWriteError(msg('files.notUtf8', path.posix.basename(uri.path)));
  }
  return { uri, text, exists: true };
}

function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString() && !d.isClosed);
}

/**
 * What a flow decides from the text as it is at the moment of writing (`undefined`: no such file):
 * one edit, a refusal (a sentence for the user; nothing is written), or nothing to do. A planner
 * must not wait for the user, and may run more than once.
 */
export type TextPlan = { edit: TextEdit } | { refuse: string } | { keep: true };
export type TextPlanner = (current: string | undefined) => TextPlan;

export type TextUpdate =
  | { status: 'written'; where: 'editor' | 'disk'; /** the buffer still has unsaved changes */ unsaved: boolean }
  | { status: 'refused'; reason: string }
  | { status: 'kept' };

/** How often an open document is planned on again when it changed between the plan and the edit. */
const MAX_EDITOR_ATTEMPTS = 5;

/**
 * The one write path. `plan` is called on the file as it is now, never on a copy read earlier:
 *
 * - open in an editor: planned on the document's current text and applied as a WorkspaceEdit
 *   (undoable) only if `document.version` is still the one planned on, else planned again; saved
 *   only if the buffer had no unsaved changes;
 * - on disk: through updateFile (lock beside the file, read, plan, temporary file, flush, rename),
 *   so another program's change made while the user was answering a question is kept;
 * - a new file is created 0600 and never replaces one that appeared meanwhile.
 *
 * Writes never go through a symbolic link, outside `folder` or into a read-only file.
 */
export async function updateTextFile(uri: vscode.Uri, folder: vscode.WorkspaceFolder, plan: TextPlanner, log: (message: string) => void): Promise<TextUpdate> {
  await assertInsideFolder(uri, folder);
  for (let attempt = 1; attempt <= MAX_EDITOR_ATTEMPTS; attempt++) {
    const doc = openDocument(uri);
    if (!doc) {
      return updateOnDisk(uri, folder, plan, log);
    }
    const version = doc.version;
    const wasDirty = doc.isDirty;
    const decision = plan(doc.getText());
    if ('refuse' in decision) return { status: 'refused', reason: decision.refuse };
    if ('keep' in decision) return { status: 'kept' };
    const { edit } = decision;
    const change = new vscode.WorkspaceEdit();
    change.replace(doc.uri, new vscode.Range(doc.positionAt(edit.offset), doc.positionAt(edit.offset + edit.deleteLength)), edit.insertText);
    // VS Code refuses a WorkspaceEdit whose document changed after the version this host knows;
    // the check here catches a change this host already knows of.
    if (doc.isClosed || doc.version !== version || !(await vscode.workspace.applyEdit(change))) {
      // The refusal can arrive before the change that caused it: give the host a moment to learn of it.
      if (!doc.isClosed && doc.version === version) await new Promise((r) => setTimeout(r, 50));
      if (!doc.isClosed && doc.version === version) {
        throw new Error(`VS Code did not apply the edit to ${path.posix.basename(doc.uri.path)}.`);
      }
      log(`${path.posix.basename(doc.uri.path)} changed in its editor while the edit was being made; planning it again.`);
      continue;
    }
    if (!wasDirty && !(await doc.save())) {
      throw new Error(`VS Code could not save ${path.posix.basename(doc.uri.path)}.`);
    }
    return { status: 'written', where: 'editor', unsaved: wasDirty };
  }
  throw new Error(`${path.posix.basename(uri.path)} kept changing in its editor, so it was not changed.`);
}

async function updateOnDisk(uri: vscode.Uri, folder: vscode.WorkspaceFolder, plan: TextPlanner, log: (message: string) => void): Promise<TextUpdate> {
  if (uri.scheme !== 'file') {
    // No lock or rename on a virtual file system: read, plan and write in one go through VS Code.
    const source = await readTextSource(uri);
    const decision = plan(source.exists ? source.text : undefined);
    if ('refuse' in decision) return { status: 'refused', reason: decision.refuse };
    if ('keep' in decision) return { status: 'kept' };
    await vscode.workspace.fs.writeFile(uri, Buffer.from(applyEdit(source.text, decision.edit), 'utf8'));
    return { status: 'written', where: 'disk', unsaved: false };
  }
  const result = await updateFile(
    uri.fsPath,
    (current) => {
      const decision = plan(current);
      return 'edit' in decision ? { write: applyEdit(current ?? '', decision.edit) } : decision;
    },
    { insideFolder: folder.uri.scheme === 'file' ? folder.uri.fsPath : undefined, log },
  );
  if (result.status === 'refused') return { status: 'refused', reason: result.reason };
  if (result.status === 'kept') return { status: 'kept' };
  return { status: 'written', where: 'disk', unsaved: false };
}

/** Refuses a target that is a symbolic link or whose real folder is not inside the workspace folder. */
export async function assertInsideFolder(uri: vscode.Uri, folder: vscode.WorkspaceFolder): Promise<void> {
  if (uri.scheme !== 'file' || folder.uri.scheme !== 'file') {
    return;
  }
  const name = path.basename(uri.fsPath);
  const realFolder = await fs.realpath(folder.uri.fsPath);
  const realDir = await fs.realpath(path.dirname(uri.fsPath));
  if (realDir !== realFolder && !realDir.startsWith(realFolder + path.sep)) {
    throw new UnsafeWriteError(msg('files.outsideFolder', name, folder.name));
  }
  const stat = await fs.lstat(uri.fsPath).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? undefined : Promise.reject(e)));
  if (stat?.isSymbolicLink()) {
    throw new UnsafeWriteError(msg('files.symlinkInsert', name));
  }
  if (stat && !stat.isFile()) {
    throw new UnsafeWriteError(msg('files.notRegular', name));
  }
  if (stat && (stat.mode & 0o222) === 0) {
    // Respect a file marked read-only even where the process could write it anyway (root, say).
    throw new UnsafeWriteError(msg('files.readOnly', name));
  }
}

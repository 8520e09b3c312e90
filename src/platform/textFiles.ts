import { promises as fs } from 'fs';
import * as path from 'path';
/**
 * Text files as the user sees them, and the one write path every flow calls (applyTextChange):
 * insert, replace, remove, rotate and .gitignore lines all reach the disk or the editor here.
 */
import * as vscode from 'vscode';
import { applyEdit, type TextEdit } from '../core/textEdit';
import { UnsafeWriteError } from './fileWrite';

/** A text file as the user sees it: the open editor buffer (even unsaved) or else the bytes on disk. */
export interface TextSource {
  uri: vscode.Uri;
  text: string;
  exists: boolean;
  document?: vscode.TextDocument;
}


export { UnsafeWriteError };

export async function readTextSource(uri: vscode.Uri): Promise<TextSource> {
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
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
    throw new UnsafeWriteError(`${path.posix.basename(uri.path)} is not UTF-8 text, so it was not changed.`);
  }
  return { uri, text, exists: true };
}

/**
 * Applies `change` where the user's text lives. An open document is edited through a WorkspaceEdit
 * (undoable; saved only if it had no unsaved changes before); a closed file is written on disk,
 * keeping its permissions, or created 0600. Writes never go through a symbolic link or outside `folder`.
 */
export async function applyTextChange(source: TextSource, change: TextEdit, folder: vscode.WorkspaceFolder): Promise<void> {
  await assertInsideFolder(source.uri, folder);
  const doc = source.document;
  if (doc && !doc.isClosed) {
    const wasDirty = doc.isDirty;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(change.offset), doc.positionAt(change.offset + change.deleteLength)), change.insertText);
    if (!(await vscode.workspace.applyEdit(edit))) {
      throw new Error(`VS Code did not apply the edit to ${path.posix.basename(doc.uri.path)}.`);
    }
    if (!wasDirty && !(await doc.save())) {
      throw new Error(`VS Code could not save ${path.posix.basename(doc.uri.path)}.`);
    }
    return;
  }
  const next = applyEdit(source.text, change);
  const bytes = Buffer.from(next, 'utf8');
  if (source.uri.scheme !== 'file') {
    await vscode.workspace.fs.writeFile(source.uri, bytes);
    return;
  }
  if (source.exists) {
    // Truncating and rewriting the existing file in place keeps its mode and owner.
    await fs.writeFile(source.uri.fsPath, bytes);
  } else {
    await fs.writeFile(source.uri.fsPath, bytes, { mode: 0o600, flag: 'wx' });
  }
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
    throw new UnsafeWriteError(`${name} resolves outside the workspace folder "${folder.name}", so it was not changed.`);
  }
  const stat = await fs.lstat(uri.fsPath).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? undefined : Promise.reject(e)));
  if (stat?.isSymbolicLink()) {
    throw new UnsafeWriteError(`${name} is a symbolic link, so it was not changed. Insert into the file it points to instead.`);
  }
  if (stat && !stat.isFile()) {
    throw new UnsafeWriteError(`${name} is not a regular file, so it was not changed.`);
  }
  if (stat && (stat.mode & 0o222) === 0) {
    // Respect a file marked read-only even where the process could write it anyway (root, say).
    throw new UnsafeWriteError(`${name} is read-only, so it was not changed.`);
  }
}

/**
 * Text files as the user sees them, and the one write path every flow calls (updateTextFile):
 * insert, replace, remove, rotate and .gitignore lines all reach the disk or the editor here.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { decodeText, encodeText } from '../core/common/fileWrite';
import { msg } from '../core/common/messages';
import { applyEdit, type TextEdit } from '../core/common/textEdit';
import { assertWritableTarget, type FolderRef, UnsafeWriteError, updateFile } from './fileWrite';

/** A text file as the user sees it: the open editor buffer (even unsaved) or else the bytes on disk. */
export interface TextSource {
  uri: vscode.Uri;
  text: string;
  exists: boolean;
  /**
   * The text is the file's bytes one character per byte, as it is not UTF-8 (see decodeText in
   * src/core/fileWrite.ts): the text a write plans on, into which only ASCII can be written.
   */
  byteDecoded: boolean;
  document?: vscode.TextDocument;
}


/**
 * The text of an open editor (its buffer, even unsaved: what the user sees and what editor features
 * computed their offsets on), or else of the file on disk. Throws UnsafeWriteError for UTF-16 text.
 */
export async function readTextSource(uri: vscode.Uri): Promise<TextSource> {
  const document = openDocument(uri);
  if (document) {
    return { uri, text: document.getText(), exists: true, byteDecoded: false, document };
  }
  return readFromDisk(uri);
}

/** The file's bytes as text (UTF-8, or one character per byte), whatever editor has it open. */
async function readFromDisk(uri: vscode.Uri): Promise<TextSource> {
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch (e) {
    if (e instanceof vscode.FileSystemError && e.code === 'FileNotFound') {
      return { uri, text: '', exists: false, byteDecoded: false };
    }
    throw e;
  }
  const decoded = decodeText(bytes);
  if (!decoded) {
    throw new UnsafeWriteError(msg('files.notUtf8', path.posix.basename(uri.path)));
  }
  return { uri, text: decoded.text, exists: true, byteDecoded: decoded.encoding === 'bytes' };
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
 *   only if the buffer had no unsaved changes. Not when the file on disk is not UTF-8: an editor
 *   decodes it in its own way and would not save the same bytes back, so such a file is written on
 *   disk (VS Code reloads the editor), or refused while the editor has unsaved changes;
 * - on disk: through updateFile (lock beside the file, read, plan, temporary file, flush, rename),
 *   so another program's change made while the user was answering a question is kept;
 * - a new file is created 0600 and never replaces one that appeared meanwhile.
 *
 * Writes never go through a symbolic link or a hard link, outside `folder` or into a read-only file.
 */
export async function updateTextFile(uri: vscode.Uri, folder: vscode.WorkspaceFolder, plan: TextPlanner, log: (message: string) => void): Promise<TextUpdate> {
  const inside: FolderRef | undefined = uri.scheme === 'file' && folder.uri.scheme === 'file' ? { path: folder.uri.fsPath, name: folder.name } : undefined;
  for (let attempt = 1; attempt <= MAX_EDITOR_ATTEMPTS; attempt++) {
    const doc = openDocument(uri);
    if (!doc || (await notUtf8OnDisk(uri, doc))) {
      return updateOnDisk(uri, inside, plan, log);
    }
    if (inside) await assertWritableTarget(uri.fsPath, inside);
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

/**
 * True when the file under an open editor is not UTF-8 on disk, so that its buffer must not be
 * written back (see updateTextFile); refused while the editor has unsaved changes.
 */
async function notUtf8OnDisk(uri: vscode.Uri, doc: vscode.TextDocument): Promise<boolean> {
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch {
    return false; // not on disk (yet): the buffer is all there is
  }
  if (decodeText(bytes)?.encoding === 'utf8') return false;
  if (doc.isDirty) throw new UnsafeWriteError(msg('files.notUtf8Unsaved', path.posix.basename(uri.path)));
  return true;
}

async function updateOnDisk(uri: vscode.Uri, inside: FolderRef | undefined, plan: TextPlanner, log: (message: string) => void): Promise<TextUpdate> {
  if (uri.scheme !== 'file') {
    // No lock or rename on a virtual file system: read, plan and write in one go through VS Code.
    const source = await readFromDisk(uri);
    const decision = plan(source.exists ? source.text : undefined);
    if ('refuse' in decision) return { status: 'refused', reason: decision.refuse };
    if ('keep' in decision) return { status: 'kept' };
    const bytes = encodeText(source.text, applyEdit(source.text, decision.edit), source.byteDecoded ? 'bytes' : 'utf8');
    if (!bytes) throw new UnsafeWriteError(msg('files.notUtf8NotAscii', path.posix.basename(uri.path)));
    await vscode.workspace.fs.writeFile(uri, bytes);
    return { status: 'written', where: 'disk', unsaved: false };
  }
  const result = await updateFile(
    uri.fsPath,
    (current) => {
      const decision = plan(current);
      return 'edit' in decision ? { write: applyEdit(current ?? '', decision.edit) } : decision;
    },
    { insideFolder: inside, log },
  );
  if (result.status === 'refused') return { status: 'refused', reason: result.reason };
  if (result.status === 'kept') return { status: 'kept' };
  return { status: 'written', where: 'disk', unsaved: false };
}

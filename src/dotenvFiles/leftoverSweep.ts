import * as vscode from 'vscode';
import { removeWriteLeftovers } from '../platform/fileWrite';
import type { Log } from '../platform/log';
import { findWriteLeftovers } from './findEnvFiles';

/** How many leftover files one sweep looks at; the next start takes the rest. */
const MAX_LEFTOVER_FILES = 500;

/**
 * Removes what writers killed mid-write left beside the workspace's files (private folders with a
 * file's new content, locks; see src/core/fileWrite.ts), when their writer is gone. Each removal is
 * logged by name. Only in a trusted workspace: it deletes files.
 */
export async function sweepWriteLeftovers(log: Log): Promise<void> {
  if (!vscode.workspace.isTrusted) return;
  const found = (await findWriteLeftovers(MAX_LEFTOVER_FILES)).filter((u) => u.scheme === 'file').map((u) => u.fsPath);
  if (found.length > 0) await removeWriteLeftovers(found, (m) => log.info(m));
}

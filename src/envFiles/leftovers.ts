import * as vscode from 'vscode';
import type { Services } from '../services';
import { removeWriteLeftovers } from '../platform/fileWrite';
import type { Log } from '../platform/log';
import { findWriteLeftovers } from './find';

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

/** How long after activation the workspace is searched for what killed writers left: start-up never waits for it. */
export const LEFTOVER_SWEEP_DELAY_MS = 5000;

/**
 * Schedules the sweep a little after activation (the search runs in VS Code's search process, not
 * in the extension host). The timer is owned by `context.subscriptions`. `sweep()` runs it now (the
 * test API's hook).
 */
export function registerLeftoverSweep(context: vscode.ExtensionContext, s: Services): { sweep(): Promise<void> } {
  const sweep = () => sweepWriteLeftovers(s.log);
  const timer = setTimeout(() => {
    sweep().catch((e: unknown) => s.log.warn(`Looking for what unfinished writes left failed: ${e instanceof Error ? e.message : String(e)}`));
  }, LEFTOVER_SWEEP_DELAY_MS);
  context.subscriptions.push({ dispose: () => clearTimeout(timer) });
  return { sweep };
}

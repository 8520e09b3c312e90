import type * as vscode from 'vscode';
import { loadFlows } from '../lazy';
import type { Services } from '../services';

/** How long after activation the workspace is searched for what killed writers left: start-up never waits for it. */
export const LEFTOVER_SWEEP_DELAY_MS = 5000;

/**
 * Schedules the sweep (leftoverSweep.ts, in dist/flows.js) a little after activation: the search
 * runs in VS Code's search process, and the flows file is loaded only then, never inside
 * activate(). The timer is owned by `context.subscriptions`. `sweep()` runs it now (the test API's hook).
 */
export function registerLeftoverSweep(context: vscode.ExtensionContext, s: Services): { sweep(): Promise<void> } {
  const sweep = () => loadFlows().sweepWriteLeftovers(s.log);
  const timer = setTimeout(() => {
    sweep().catch((e: unknown) => s.log.warn(`Looking for what unfinished writes left failed: ${e instanceof Error ? e.message : String(e)}`));
  }, LEFTOVER_SWEEP_DELAY_MS);
  context.subscriptions.push({ dispose: () => clearTimeout(timer) });
  return { sweep };
}

import type * as vscode from 'vscode';
import { loadFlows } from './lazy';
import type { OrphanCheck } from './orphanCheck';
import type { Services } from './services';

/** How long after activation the journal is looked at: activation itself never waits for it. */
export const ORPHAN_CHECK_DELAY_MS = 3000;

/**
 * Schedules the orphan check (orphanCheck.ts, in dist/flows.js) a little after activation: the
 * journal is read and the flows file loaded only then, never inside activate(). The timer is owned
 * by `context.subscriptions`. `run()` checks now (the test API's hook).
 */
export function registerOrphanCheck(context: vscode.ExtensionContext, s: Services, onRevoked: () => void): Pick<OrphanCheck, 'run'> {
  let check: OrphanCheck | undefined;
  const run = (): Promise<void> => (check ??= new (loadFlows().OrphanCheck)(s, onRevoked)).run();
  const timer = setTimeout(() => {
    run().catch((e: unknown) => s.log.warn(`Orphan check failed: ${e instanceof Error ? e.message : String(e)}`));
  }, ORPHAN_CHECK_DELAY_MS);
  context.subscriptions.push({ dispose: () => clearTimeout(timer) });
  return { run };
}

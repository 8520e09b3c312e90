import * as vscode from 'vscode';
import { quietConnection } from './connection';
import { ContextKeys } from './constants';
import { affectsVuedConfig, readConfig } from './platform/config';
import type { Services } from './services';
import type { Sidebar } from './views/sidebar';
import { type SignInState, VuedStatusBar } from './views/statusBar';

/**
 * Signed in or out, as the `vued.signedIn` context key (welcome view) and the status bar show it.
 * Re-checked when a token is stored or deleted and when the API host or organization setting
 * changes; each of those also reloads the sidebar.
 */
export class SignInWatcher implements vscode.Disposable {
  private current: SignInState = { signedIn: false };
  private readonly statusBar = new VuedStatusBar();
  private readonly disposables: vscode.Disposable[] = [this.statusBar];

  constructor(private readonly s: Services, refresh: () => void) {
    void this.update();
    this.disposables.push(
      s.tokens.onDidChange(() => {
        void this.update();
        refresh();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        // Only what changes the host or the organizations listed; other vued.* settings are read when used.
        if (affectsVuedConfig(e, 'apiBaseUrl') || affectsVuedConfig(e, 'defaultOrgId')) {
          void this.update();
          refresh();
        }
      }),
    );
  }

  /** The state last computed (what the status bar shows). */
  get state(): SignInState {
    return this.current;
  }

  private async update(): Promise<void> {
    const conn = await quietConnection(this.s);
    this.current = { signedIn: conn !== undefined, host: conn?.api.host ?? hostOfConfig(), fromEnvironment: conn?.token.source === 'environment' };
    this.statusBar.update(this.current);
    await this.s.contextKeys.set(ContextKeys.signedIn, this.current.signedIn);
    await this.s.contextKeys.set(ContextKeys.tokenFromEnvironment, this.current.fromEnvironment === true);
  }

  dispose(): void {
    for (const d of this.disposables) {
      d.dispose();
    }
  }
}

function hostOfConfig(): string | undefined {
  try {
    return new URL(readConfig().apiBaseUrl).host;
  } catch {
    return undefined;
  }
}

/** Starts watching sign-in; the watcher is owned by `context.subscriptions`. */
export function registerSignInWatcher(context: vscode.ExtensionContext, s: Services, sidebar: Sidebar): SignInWatcher {
  const watcher = new SignInWatcher(s, () => sidebar.tree.refresh());
  context.subscriptions.push(watcher);
  return watcher;
}

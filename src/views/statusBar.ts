import * as vscode from 'vscode';
import type { SignInState, SignInWatcher } from '../auth/signInWatcher';
import { Commands, DEFAULT_API_BASE_URL } from '../constants';

/** `$(key) Vued` in the status bar: signed in or out, and the API host when it is not the default. */
export class VuedStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('vued.status', vscode.StatusBarAlignment.Left, 10);
  /** The sentence about the variables held for this workspace's terminals and debug sessions ('' when none). */
  private held = '';
  private state: SignInState = { signedIn: false };
  private shown = false;

  constructor() {
    this.item.name = vscode.l10n.t('Vued');
    this.item.command = Commands.showActions;
  }

  /** Shows the item with a checked state (it is not shown before the first check). */
  update(state: SignInState): void {
    this.state = state;
    this.shown = true;
    this.item.show();
    if (state.signedIn && state.hosts) {
      this.item.text = `$(key) Vued · ${vscode.l10n.t('{0} hosts', state.hosts.length)}`;
      this.item.tooltip = this.withHeld(vscode.l10n.t('Vued: signed in to {0}. Commands ask which host; those started from the sidebar use the host of their row. Click for actions.', state.hosts.join(', ')));
      return;
    }
    const custom = state.host !== undefined && state.host !== new URL(DEFAULT_API_BASE_URL).host;
    const hostPart = custom ? ` · ${state.host}` : '';
    this.item.text = state.signedIn ? `$(key) Vued${hostPart}` : `$(key) Vued: ${vscode.l10n.t('signed out')}${hostPart}`;
    this.item.tooltip = this.withHeld(state.signedIn
      ? state.fromEnvironment
        ? vscode.l10n.t('Vued: signed in to {0} with the token from VUED_TOKEN. Click for actions.', state.host ?? '')
        : vscode.l10n.t('Vued: signed in to {0}. Click for actions.', state.host ?? '')
      : vscode.l10n.t('Vued: no access token for {0}. Click for actions.', state.host ?? vscode.l10n.t('the configured API')));
  }

  /** Says which variables this workspace's terminals and debug sessions get ('' when none are held). */
  showHeld(sentence: string): void {
    if (sentence !== this.held) {
      this.held = sentence;
      if (this.shown) {
        this.update(this.state);
      }
    }
  }

  get tooltip(): string | undefined {
    return typeof this.item.tooltip === 'string' ? this.item.tooltip : undefined;
  }

  /** What the item shows now (for the tests): its text, tooltip, command and whether it is shown. */
  snapshot(): { text: string; tooltip: string | undefined; command: string | undefined; visible: boolean } {
    const command = this.item.command;
    return { text: this.item.text, tooltip: this.tooltip, command: typeof command === 'string' ? command : command?.command, visible: this.shown };
  }

  private withHeld(tooltip: string): string {
    return this.held ? `${tooltip}\n${this.held}` : tooltip;
  }

  dispose(): void {
    this.item.dispose();
  }
}

/** The status bar item, shown with the first checked sign-in state and kept in step with it; owned by `context.subscriptions`. */
export function registerStatusBar(context: vscode.ExtensionContext, signIn: SignInWatcher): VuedStatusBar {
  const bar = new VuedStatusBar();
  if (signIn.hasChecked) {
    bar.update(signIn.state);
  }
  context.subscriptions.push(bar, signIn.onDidChange((state) => bar.update(state)));
  return bar;
}

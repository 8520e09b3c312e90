import * as vscode from 'vscode';
import type { SignInState, SignInWatcher } from '../auth/signInWatcher';
import { Commands, DEFAULT_API_BASE_URL } from '../constants';
import type { PublicApiKey } from '../core/api/types';
import type { EnvIndex } from '../envFiles/envIndex';
import type { Services } from '../services';

/**
 * `$(key) Vued` in the status bar: signed in or out, and the API host when it is not the default;
 * `$(warning) Vued · sign in again` while a server rejects the token in use. Shown only once the
 * user has signed in (a token is stored, in any window) or a known key is in this workspace: a
 * workspace with a `.env` and nothing of Vued in it gets no item.
 */
export class VuedStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('vued.status', vscode.StatusBarAlignment.Left, 10);
  /** The sentence about the variables held for this workspace's terminals and debug sessions ('' when none). */
  private held = '';
  private state: SignInState = { signedIn: false };
  private shown = false;
  /** A checked sign-in state has arrived (nothing is shown before it). */
  private checked = false;
  /** A known key is in this workspace (a .env holds one, or the keychain keeps one for it). */
  private knownKeyHere = false;

  constructor() {
    this.item.name = vscode.l10n.t('Vued');
    this.item.command = Commands.showActions;
  }

  /** Shows the item with a checked state (it is not shown before the first check). */
  update(state: SignInState): void {
    this.state = state;
    this.checked = true;
    this.shown = state.signedIn || this.knownKeyHere;
    if (this.shown) {
      this.item.show();
    } else {
      this.item.hide();
    }
    this.item.command = Commands.showActions;
    this.item.backgroundColor = undefined;
    if (state.signedIn && state.rejected && state.rejected.length > 0) {
      this.item.text = `$(warning) Vued · ${vscode.l10n.t('sign in again')}`;
      this.item.tooltip = this.withHeld(vscode.l10n.t('Vued: {0} rejected the access token. Click to sign in again.', state.rejected.join(', ')));
      this.item.command = Commands.setToken;
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
      return;
    }
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

  /** Whether a known key is in this workspace (with no token stored, the item shows only then). */
  showKnownKeyHere(here: boolean): void {
    if (here !== this.knownKeyHere) {
      this.knownKeyHere = here;
      if (this.checked) {
        this.update(this.state);
      }
    }
  }

  /** Says which variables this workspace's terminals and debug sessions get ('' when none are held). */
  showHeld(sentence: string): void {
    if (sentence !== this.held) {
      this.held = sentence;
      if (this.checked) {
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

/**
 * Tells the status item whether a known key is in this workspace: a `.env` file here holds a key the
 * extension knows (by its prefix: a loaded list's, or one created from this VS Code), or the keychain
 * keeps a key for this workspace. Only looked at
 * while no token is stored (signed in, the item shows anyway), and only in the `.env` files the index
 * has read for something else (the sidebar, a flow, Scan Workspace for Secrets): it reads none itself.
 */
export function watchKnownKeysHere(
  context: vscode.ExtensionContext,
  s: Services,
  bar: VuedStatusBar,
  signIn: SignInWatcher,
  known: { readonly keys: ReadonlyArray<{ readonly key: PublicApiKey }>; readonly onDidChange: vscode.Event<void> },
  usage: EnvIndex,
): void {
  let running = false;
  let again = false;
  const check = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        if (signIn.state.signedIn || !signIn.hasChecked) {
          continue;
        }
        let here = s.heldKeys.mappings().length > 0;
        // The keys of the lists loaded so far, and every key created from this VS Code (kept across windows).
        const keys = [...known.keys.map((k) => k.key), ...s.state.createdKeys().map((c) => c.key)];
        // Only from files already read: looking for a key is no reason to read the workspace at start-up.
        if (!here && keys.length > 0 && usage.isLoaded) {
          here = (await usage.usagesOf(keys)).length > 0;
        }
        bar.showKnownKeyHere(here);
      } while (again);
    } catch (e) {
      s.log.warn(`Could not tell whether a known key is in this workspace: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      running = false;
    }
  };
  const soon = (): void => void check();
  context.subscriptions.push(signIn.onDidChange(soon), known.onDidChange(soon), usage.onDidChange(soon), s.heldKeys.onDidChange(soon));
  soon();
}

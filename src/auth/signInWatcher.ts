import * as vscode from 'vscode';
import type { VuedAuthenticationProvider } from './authenticationProvider';
import { quietConnection, signedInHosts } from '../connection/hostChoice';
import { tokenFingerprint } from '../core/auth/sessions';
import { hostOfOrigin } from '../core/connection/hosts';
import { AUTH_PROVIDER_ID, ContextKeys, SESSION_SCOPE } from '../constants';
import { affectsVuedConfig, readConfig } from '../platform/config';
import type { Services } from '../services';

/**
 * Signed in or out, as the `vued.signedIn` context key (welcome view) and the status bar show it.
 * Re-checked whenever the `vued` provider's sessions change (here, in the Accounts menu or in
 * another window) and when the host or organization settings change; each of those also reloads
 * the sidebar.
 */
export interface SignInState {
  signedIn: boolean;
  host?: string;
  fromEnvironment?: boolean;
  /** Set when several hosts hold a token: commands from the palette ask which one. */
  hosts?: string[];
  /** The hosts whose token in use a server rejected since it was entered (sign in again); empty or unset when none. */
  rejected?: string[];
}

export class SignInWatcher implements vscode.Disposable {
  private current: SignInState = { signedIn: false };
  private checked = false;
  /** How many checks have started: a check applies what it read only while it is the latest. */
  private runs = 0;
  private disposed = false;
  private readonly changed = new vscode.EventEmitter<SignInState>();
  /** Fires with each checked state (the first check included), for the status bar. */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /** Which token each signed-in host holds (by fingerprint), as the sidebar last read its lists with. */
  private tokensSeen: string | undefined;

  constructor(
    private readonly s: Services,
    private readonly auth: VuedAuthenticationProvider,
    refresh: () => void,
  ) {
    // The first check reads settings and secret storage: a macrotask after activate() returns, not inside it.
    const first = setTimeout(() => void this.update(), 0);
    this.disposables.push(
      { dispose: () => clearTimeout(first) },
      auth.onDidChangeSessions(() => {
        void this.update();
        // A session that leaves the Accounts menu because its token was rejected (and comes back once
        // it works) is no new token: the lists stay, or a list refused while another read succeeds
        // would be read again and again.
        void this.tokensInUse().then((now) => {
          if (now !== this.tokensSeen) {
            this.tokensSeen = now;
            refresh();
          }
        });
      }),
      // A token found rejected, or working again, changes what the status item says (not the lists).
      s.tokenHealth.onDidChange(() => void this.update()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        // Only what changes the host or the organizations listed; other vued.* settings are read when used.
        if (affectsVuedConfig(e, 'apiBaseUrl') || affectsVuedConfig(e, 'hosts') || affectsVuedConfig(e, 'defaultOrgId') || affectsVuedConfig(e, 'defaultOrganizationId')) {
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

  /** Whether the first check has been made (until then `state` says signed out unchecked). */
  get hasChecked(): boolean {
    return this.checked;
  }

  /** The hosts that hold a token, and which (fingerprints only): what a change of sessions may change for the lists. */
  private async tokensInUse(): Promise<string> {
    const hosts = await signedInHosts(this.s);
    const held = await Promise.all(hosts.map(async (h) => `${h.origin}#${tokenFingerprint((await this.s.tokens.get(h.origin).catch(() => undefined))?.value ?? '')}`));
    return held.join(' ');
  }

  private async update(): Promise<void> {
    // Checks overlap (a session change and a token found rejected arrive together): only the one
    // started last applies what it read, so an earlier, slower check never writes an older state over it.
    const run = ++this.runs;
    const conn = await quietConnection(this.s);
    const hosts = await signedInHosts(this.s);
    const rejected: string[] = [];
    for (const h of hosts) {
      const token = await this.s.tokens.get(h.origin).catch(() => undefined);
      if (token && this.s.tokenHealth.isRejected(h.origin, token.value)) {
        rejected.push(h.isDefault ? hostOfOrigin(h.origin) : h.label);
      }
    }
    const next: SignInState = {
      signedIn: conn !== undefined || hosts.length > 0,
      host: hosts.length === 1 && !hosts[0].isDefault ? hosts[0].label : (conn?.api.host ?? hostOfConfig()),
      fromEnvironment: conn?.token.source === 'environment',
      // The hosts a command asks between, when there are several.
      hosts: hosts.length > 1 ? hosts.map((h) => h.label) : undefined,
      rejected,
    };
    if (this.disposed || run !== this.runs) {
      return;
    }
    this.current = next;
    this.checked = true;
    this.changed.fire(this.current);
    // Not while a sign-in runs (the Accounts menu's, which may be what started this window's
    // features): the request would be answered with the session it makes, and VS Code would then
    // list this extension as a user of the account it signed in with.
    if ((!this.current.signedIn || rejected.length > 0) && !this.auth.signingIn) {
      // A passive request, as other extensions make theirs: VS Code shows nothing but its own
      // "Sign in with Vued to use Vued API Keys" entry in the Accounts menu, which runs the provider's
      // sign-in. It goes once a session exists; a second request while one is pending adds nothing.
      // A rejected token's session is left out of the list (auth/signIn.ts), so the menu asks again.
      vscode.authentication.getSession(AUTH_PROVIDER_ID, [SESSION_SCOPE], { createIfNone: false }).then(undefined, (e: unknown) => {
        this.s.log.warn(`Could not offer Vued in the Accounts menu: ${e instanceof Error ? e.message : String(e)}`);
      });
    }
    await this.s.contextKeys.set(ContextKeys.signedIn, this.current.signedIn);
    if (run !== this.runs) return;
    await this.s.contextKeys.set(ContextKeys.tokenFromEnvironment, this.current.fromEnvironment === true);
    if (run !== this.runs) return;
    await this.s.contextKeys.set(ContextKeys.tokenRejected, rejected.length > 0);
  }

  dispose(): void {
    this.disposed = true;
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
export function registerSignInWatcher(context: vscode.ExtensionContext, s: Services, auth: VuedAuthenticationProvider, refresh: () => void): SignInWatcher {
  const watcher = new SignInWatcher(s, auth, refresh);
  context.subscriptions.push(watcher);
  return watcher;
}

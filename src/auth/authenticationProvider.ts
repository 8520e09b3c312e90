/**
 * The `vued` authentication provider: Vued in VS Code's Accounts menu. One session per API host that
 * has a token (src/core/sessionBook.ts decides which); the session's `accessToken` is that token,
 * which is how VS Code hands it to another extension once the user has consented. Tokens stay where
 * the token store keeps them (SecretStorage, or `VUED_TOKEN` in the environment). Nothing here logs
 * or shows a token.
 */
import * as vscode from 'vscode';
import { SessionBook, type SessionBookDeps, type SessionTokenSource } from '../core/auth/sessionBook';
import { localize } from '../platform/l10n';
import type { TokenStore } from '../connection/tokenStore';
import { environmentToken } from '../constants';
import type { Registrations } from '../services';

export type { SessionBookDeps as VuedAuthenticationDeps, SessionTokenSource } from '../core/auth/sessionBook';

/**
 * Adapts the existing TokenStore (src/platform/tokenStore.ts) to what the provider reads.
 * `configuredOrigins` (the origins of vued.apiBaseUrl and vued.hosts) are asked as well as the
 * origins the store lists: another window stores a token before it records its origin in
 * globalState, and this window may hear of the token first.
 */
export function tokenStoreSource(store: TokenStore, configuredOrigins: () => readonly string[] = () => [], env: NodeJS.ProcessEnv = process.env): SessionTokenSource {
  return {
    onDidChange: (listener) => store.onDidChange(listener),
    environmentToken: () => environmentToken(env),
    // No origin is the empty string, so otherOrigins('') is every origin the store lists.
    storedOrigins: () => [...new Set([...store.otherOrigins(''), ...configuredOrigins()])],
    storedToken: async (origin) => {
      // TokenStore.get answers VUED_TOKEN first; the provider asks for a stored token only without it.
      const t = await store.get(origin);
      return t?.source === 'secretStorage' ? t.value : undefined;
    },
    deleteToken: (origin) => store.delete(origin),
  };
}

export class VuedAuthenticationProvider implements vscode.AuthenticationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.changed.event;
  readonly book: SessionBook;

  constructor(deps: SessionBookDeps) {
    this.book = new SessionBook({ render: localize, ...deps }, (diff) => this.changed.fire(diff));
  }

  /** Reads the sessions again; call it when `vued.apiBaseUrl` changes (the host VUED_TOKEN is shown for). */
  refresh(): Promise<readonly vscode.AuthenticationSession[]> {
    return this.book.refresh();
  }

  getSessions(scopes?: readonly string[]): Promise<readonly vscode.AuthenticationSession[]> {
    return this.book.getSessions(scopes);
  }

  /** How many sign-ins (createSession) are running: while one is, the Accounts menu needs no request to sign in. */
  private creating = 0;

  get signingIn(): boolean {
    return this.creating > 0;
  }

  async createSession(scopes: readonly string[]): Promise<vscode.AuthenticationSession> {
    this.creating++;
    try {
      return await this.book.createSession(scopes);
    } finally {
      this.creating--;
    }
  }

  removeSession(sessionId: string): Promise<void> {
    return this.book.removeSession(sessionId);
  }

  /** The session of one host, for the wiring (status bar, tree roots). */
  sessionFor(origin: string): Promise<vscode.AuthenticationSession | undefined> {
    return this.book.sessionFor(origin);
  }

  dispose(): void {
    this.book.dispose();
    this.changed.dispose();
  }
}

/**
 * Makes the provider of id `vued` (label `Vued`; several accounts, one per host), attaches it to the
 * registration VS Code knows, and returns it. The provider goes into `context.subscriptions`.
 */
export function registerAuthentication(
  context: Pick<vscode.ExtensionContext, 'subscriptions'>,
  registrations: Pick<Registrations, 'authenticationProvider'>,
  deps: SessionBookDeps,
): VuedAuthenticationProvider {
  const provider = new VuedAuthenticationProvider(deps);
  context.subscriptions.push(provider);
  registrations.authenticationProvider(provider);
  return provider;
}

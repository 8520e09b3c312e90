/**
 * What this window has learnt about each host's token since it was entered: whether the server
 * rejected it later (a 401 to any request sent with it), and who it belongs to (what the check at
 * entry read). Tokens are never kept here: a token is known by its short fingerprint only
 * (core/auth/sessions.ts), so a new token for the host is a different token and starts clean.
 *
 * A rejection lasts until a request with that token succeeds, or the user signs in again; it is
 * this window's memory (another window learns it from its own first request). Account names are
 * kept in globalState, by origin and fingerprint, so the Accounts menu names the token in any window.
 */
import * as vscode from 'vscode';
import { StateKeys } from '../constants';
import { tokenFingerprint } from '../core/auth/sessions';
import { cleanDisplayName } from '../core/common/text';

type Accounts = Record<string, { fingerprint: string; name: string }>;

export class TokenHealth implements vscode.Disposable {
  /** origin → fingerprint of the token a server rejected there. */
  private readonly rejectedTokens = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a host's token is found rejected, or works again. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento) {}

  /** What a request sent to `origin` with `token` was answered: a 401 marks the token rejected, a 2xx clears it. */
  answered(origin: string, token: string, status: number): void {
    const fingerprint = tokenFingerprint(token);
    if (status === 401) {
      if (this.rejectedTokens.get(origin) !== fingerprint) {
        this.rejectedTokens.set(origin, fingerprint);
        this.changed.fire();
      }
    } else if (status >= 200 && status < 300 && this.rejectedTokens.get(origin) === fingerprint) {
      this.rejectedTokens.delete(origin);
      this.changed.fire();
    }
  }

  /** Whether the server rejected this very token of `origin` since it was entered. */
  isRejected(origin: string, token: string): boolean {
    return this.rejectedTokens.get(origin) === tokenFingerprint(token);
  }

  /** Signing in again: whatever was learnt about the host's earlier token no longer applies. */
  forget(origin: string): void {
    if (this.rejectedTokens.delete(origin)) {
      this.changed.fire();
    }
  }

  /** Remembers who `token` of `origin` belongs to (or that nobody said), as its check read it. */
  async setAccount(origin: string, token: string, name: string | undefined): Promise<void> {
    const accounts = { ...this.accounts() };
    const clean = cleanDisplayName(name);
    if (clean === undefined) {
      delete accounts[origin];
    } else {
      accounts[origin] = { fingerprint: tokenFingerprint(token), name: clean };
    }
    await this.state.update(StateKeys.tokenAccounts, accounts);
  }

  /** Who the token with this fingerprint belongs to on `origin`, as its check read it. */
  accountName(origin: string, fingerprint: string): string | undefined {
    const known = this.accounts()[origin];
    return known?.fingerprint === fingerprint && typeof known.name === 'string' ? known.name : undefined;
  }

  private accounts(): Accounts {
    const v = this.state.get<unknown>(StateKeys.tokenAccounts, {});
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Accounts) : {};
  }

  dispose(): void {
    this.changed.dispose();
  }
}

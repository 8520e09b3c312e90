import * as vscode from 'vscode';
import { environmentToken, SecretKeys, StateKeys } from '../constants';
import { UserFacingError } from '../core/common/errors';

export type TokenSource = 'environment' | 'secretStorage';

export interface Token {
  value: string;
  source: TokenSource;
}

/** SecretStorage could not be used (no keyring, a store that throws). Nothing falls back to plaintext. */
export class TokenStorageError extends UserFacingError {
  constructor(action: 'read' | 'store' | 'delete', cause: unknown) {
    const why = (cause instanceof Error ? cause.message : String(cause)).slice(0, 160);
    super(
      action === 'read'
        ? vscode.l10n.t('VS Code could not read the access token in its secret storage ({0}). Make sure an OS keyring is available, or set the VUED_TOKEN environment variable for the extension host.', why)
        : action === 'store'
          ? vscode.l10n.t('VS Code could not store the access token in its secret storage ({0}). Make sure an OS keyring is available, or set the VUED_TOKEN environment variable for the extension host.', why)
          : vscode.l10n.t('VS Code could not delete the access token in its secret storage ({0}). Make sure an OS keyring is available, or set the VUED_TOKEN environment variable for the extension host.', why),
    );
    this.name = 'TokenStorageError';
  }
}

/**
 * Access tokens, one per API origin, in VS Code's SecretStorage. A token stored for one origin is
 * never returned for another, so changing `vued.apiBaseUrl` cannot send a token to a new host.
 * `VUED_TOKEN` in the extension host's environment wins over stored tokens (Codespaces, CI).
 */
export class TokenStore {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  /** Tokens read in this window, by origin: one SecretStorage round trip per origin, not per request. */
  private readonly cache = new Map<string, string | undefined>();
  private readonly secretsSub: vscode.Disposable | undefined;

  constructor(
    private readonly secrets: Pick<vscode.SecretStorage, 'get' | 'store' | 'delete'> & Partial<Pick<vscode.SecretStorage, 'onDidChange'>>,
    private readonly state: vscode.Memento,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    // Another window storing or deleting a token must not leave a stale copy here.
    this.secretsSub = secrets.onDidChange?.((e) => {
      if (e.key.startsWith(`${SecretKeys.token}@`)) {
        this.cache.clear();
        this.changed.fire();
      }
    });
  }

  static keyFor(origin: string): string {
    return `${SecretKeys.token}@${origin}`;
  }

  fromEnvironment(): boolean {
    return environmentToken(this.env) !== undefined;
  }

  async get(origin: string): Promise<Token | undefined> {
    const fromEnv = environmentToken(this.env);
    if (fromEnv !== undefined) {
      return { value: fromEnv, source: 'environment' };
    }
    let value: string | undefined;
    if (this.cache.has(origin)) {
      value = this.cache.get(origin);
    } else {
      try {
        value = await this.secrets.get(TokenStore.keyFor(origin));
      } catch (e) {
        throw new TokenStorageError('read', e);
      }
      this.cache.set(origin, value);
    }
    return value ? { value, source: 'secretStorage' } : undefined;
  }

  async store(origin: string, token: string): Promise<void> {
    this.cache.delete(origin);
    try {
      await this.secrets.store(TokenStore.keyFor(origin), token);
    } catch (e) {
      throw new TokenStorageError('store', e);
    }
    this.cache.set(origin, token);
    // Remember which origins hold a token (origins only) so "sign out everywhere" can find them.
    const origins = this.origins();
    if (!origins.includes(origin)) {
      await this.state.update(StateKeys.tokenOrigins, [...origins, origin]);
    }
    this.changed.fire();
  }

  async delete(origin: string): Promise<void> {
    this.cache.delete(origin);
    try {
      await this.secrets.delete(TokenStore.keyFor(origin));
    } catch (e) {
      throw new TokenStorageError('delete', e);
    }
    this.cache.set(origin, undefined);
    await this.state.update(StateKeys.tokenOrigins, this.origins().filter((o) => o !== origin));
    this.changed.fire();
  }

  /** Origins other than `origin` that hold a stored token. */
  otherOrigins(origin: string): string[] {
    return this.origins().filter((o) => o !== origin);
  }

  async deleteAll(): Promise<void> {
    for (const origin of this.origins()) {
      await this.delete(origin);
    }
  }

  private origins(): string[] {
    const v = this.state.get<unknown>(StateKeys.tokenOrigins, []);
    return Array.isArray(v) ? v.filter((o): o is string => typeof o === 'string') : [];
  }

  dispose(): void {
    this.secretsSub?.dispose();
    this.cache.clear();
    this.changed.dispose();
  }
}

import * as vscode from 'vscode';
import type { PublicApiKey } from './core/api/types';

/** The one-time secret of the last key created in this window, with what was done with it. */
export interface HeldSecret {
  readonly orgId: string;
  /** Origin of the API host that created the key. */
  readonly origin: string;
  readonly key: PublicApiKey;
  readonly secret: string;
  copied: boolean;
  /** Where it was inserted, as `relative/path/.env — NAME`. */
  readonly insertedInto: string[];
  /** The variables it was kept in the keychain for (this workspace's terminals and debug sessions). */
  readonly keptFor: string[];
}

/**
 * Holds created secrets in memory for this window only: never written to disk, state or settings,
 * dropped on sign-out and when the window closes (the extension host exits).
 */
export class SecretSession implements vscode.Disposable {
  private held: HeldSecret | undefined;
  private readonly changed = new vscode.EventEmitter<HeldSecret | undefined>();
  readonly onDidChange = this.changed.event;

  remember(orgId: string, key: PublicApiKey, secret: string, origin: string): HeldSecret {
    this.held = { orgId, origin, key, secret, copied: false, insertedInto: [], keptFor: [] };
    this.changed.fire(this.held);
    return this.held;
  }

  get last(): HeldSecret | undefined {
    return this.held;
  }

  holds(keyId: string): boolean {
    return this.held?.key.id === keyId;
  }

  clear(): void {
    if (this.held) {
      this.held = undefined;
      this.changed.fire(undefined);
    }
  }

  dispose(): void {
    this.held = undefined;
    this.changed.dispose();
  }
}

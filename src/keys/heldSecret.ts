import * as vscode from 'vscode';
import type { SecretClipboard } from '../platform/secretClipboard';
import type { PublicApiKey } from '../core/api/types';

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
  /** The files it was inserted into (Open .env opens the first). */
  readonly insertedUris: vscode.Uri[];
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
    this.held = { orgId, origin, key, secret, copied: false, insertedInto: [], insertedUris: [], keptFor: [] };
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

/** Copies the held secret (cleared later by the clipboard guard); returns the delay in seconds (0 = not cleared). */
export async function copySecret(clipboard: SecretClipboard, held: HeldSecret): Promise<number> {
  const seconds = await clipboard.copy(held.secret);
  held.copied = true;
  return seconds;
}

export function copiedText(seconds: number): string {
  return seconds > 0
    ? vscode.l10n.t('Secret copied to the clipboard. It will be cleared in {0} s if it is still there.', seconds)
    : vscode.l10n.t('Secret copied to the clipboard.');
}

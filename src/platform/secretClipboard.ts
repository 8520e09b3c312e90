import * as vscode from 'vscode';
import { readConfig } from './config';

/**
 * Copies secrets to the clipboard and, unless `vued.clearClipboardAfterSeconds` is 0, clears the
 * clipboard after that time if it still holds the secret. At most one clear is pending; disposing
 * ends it (the window is closing anyway).
 */
export class SecretClipboard implements vscode.Disposable {
  private timer: NodeJS.Timeout | undefined;

  /** Copies `secret`; returns the delay in seconds before it is cleared (0 = not cleared). */
  async copy(secret: string): Promise<number> {
    await vscode.env.clipboard.writeText(secret);
    const ms = readConfig().clearClipboardAfterMs;
    this.cancel();
    if (ms > 0) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void clearClipboardIfHolding(secret);
      }, ms);
    }
    return ms / 1000;
  }

  private cancel(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  dispose(): void {
    this.cancel();
  }
}

async function clearClipboardIfHolding(secret: string): Promise<void> {
  if ((await vscode.env.clipboard.readText()) === secret) {
    await vscode.env.clipboard.writeText('');
  }
}

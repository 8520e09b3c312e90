import * as vscode from 'vscode';
import { KeyPrefixIndex, nextStatusChange } from '../core/editor';
import type { EditorDeps } from './deps';

/** setTimeout takes at most a signed 32-bit delay; a later change is re-armed on the way. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/**
 * The cached keys as the editor features read them: one prefix index, rebuilt when the key list
 * changes, and a timer that fires when the clock passes an expiry (or a day of "expires in N days").
 */
export class KeyState implements vscode.Disposable {
  private cached: KeyPrefixIndex | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the keys or the clock changed what the editor should say. */
  readonly onDidChange = this.changed.event;
  private readonly sub: vscode.Disposable;

  constructor(private readonly deps: EditorDeps) {
    this.sub = deps.onDidChangeKeys(() => this.update());
    this.arm();
  }

  get index(): KeyPrefixIndex {
    this.cached ??= new KeyPrefixIndex(this.deps.knownKeys());
    return this.cached;
  }

  private update(): void {
    this.cached = undefined;
    this.arm();
    this.changed.fire();
  }

  private arm(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const now = Date.now();
    const next = nextStatusChange(this.index.keys, now);
    if (next === undefined) {
      return;
    }
    const delay = next - now;
    this.timer = setTimeout(() => (delay > MAX_DELAY_MS ? this.arm() : this.update()), Math.min(delay + 50, MAX_DELAY_MS));
  }

  dispose(): void {
    if (this.timer) {
      clearTimeout(this.timer);
    }
    this.sub.dispose();
    this.changed.dispose();
  }
}

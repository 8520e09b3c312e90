import * as vscode from 'vscode';
import { Log } from './platform/log';
import { TokenStore } from './platform/tokenStore';
import { SecretSession } from './secretSession';
import { RememberedState } from './state';
import { Ui } from './ui/ui';
import { PublicApiKey } from './core/api/types';

/** What commands share. Built once in activate(); `ui` is swapped for a scripted one only in tests. */
export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly log: Log;
  readonly tokens: TokenStore;
  readonly session: SecretSession;
  readonly state: RememberedState;
  ui: Ui;
  /** Fired when a key was created in this window (metadata only), so views can show it at once. */
  readonly keyCreated: vscode.EventEmitter<{ orgId: string; key: PublicApiKey }>;
}

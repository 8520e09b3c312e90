import * as vscode from 'vscode';
import { Log } from './platform/log';
import { TokenStore } from './platform/tokenStore';
import { SecretSession } from './secretSession';
import { RememberedState } from './state';
import { Ui } from './ui/ui';

/** What commands share. Built once in activate(); `ui` is swapped for a scripted one only in tests. */
export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly log: Log;
  readonly tokens: TokenStore;
  readonly session: SecretSession;
  readonly state: RememberedState;
  ui: Ui;
}

import * as vscode from 'vscode';
import { UserFacingError } from '../core/common/errors';
import { ApiError } from '../core/api/errors';
import { Commands } from '../constants';
import { userSentence } from '../platform/l10n';
import type { Log } from '../platform/log';
import type { Ui } from './ui';

/** What showError needs: the log for the detail, the Ui for the sentence. `Services` is one. */
export interface ErrorSink {
  readonly log: Log;
  readonly ui: Ui;
}

/**
 * The one error path: the full detail goes to the `Vued` log, the user gets one short sentence
 * with "Show Logs" (and "Set Access Token" when the token was rejected).
 */
export async function showError(s: ErrorSink, what: string, err: unknown): Promise<void> {
  const showLogs = vscode.l10n.t('Show Logs');
  const setToken = vscode.l10n.t('Set Access Token');
  let sentence: string;
  const actions = [showLogs];
  if (err instanceof ApiError) {
    s.log.error(`${what} failed: ${err.method} ${err.url} ${err.detail}`);
    sentence = userSentence(err);
    if (err.kind === 'auth') {
      actions.unshift(setToken);
    }
  } else if (err instanceof UserFacingError) {
    s.log.error(`${what} failed: ${err.message}`);
    sentence = userSentence(err);
  } else {
    const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
    s.log.error(`${what} failed: ${detail}`);
    sentence = vscode.l10n.t('{0} failed: {1}', what, err instanceof Error ? err.message : String(err));
  }
  const choice = await s.ui.message('error', s.log.redact(sentence), {}, ...actions);
  if (choice === showLogs) {
    s.log.show();
  } else if (choice === setToken) {
    await vscode.commands.executeCommand(Commands.setToken);
  }
}

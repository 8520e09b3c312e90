import * as vscode from 'vscode';

/** A cancellable progress notification whose Cancel button aborts the request it wraps. */
export function withCancellableProgress<T>(title: string, run: (signal: AbortSignal) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_progress, cancel) => {
    const abort = new AbortController();
    const sub = cancel.onCancellationRequested(() => abort.abort());
    return run(abort.signal).finally(() => {
      sub.dispose();
    });
  });
}

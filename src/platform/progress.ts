import * as vscode from 'vscode';

/**
 * How long a request runs before its progress notification appears. Most answers arrive well
 * within it, and a notification that flashes up and vanishes costs a workbench round trip and
 * tells the user nothing.
 */
export const PROGRESS_DELAY_MS = 300;

export interface ProgressOptions {
  /** Defaults to PROGRESS_DELAY_MS. */
  delayMs?: number;
  /**
   * Cancels the run from its very start, before any notification exists (the caller's own
   * cancellation); the notification's Cancel button does the same once it is shown.
   */
  cancel?: vscode.CancellationToken;
  /** Tests only: stands in for vscode.window.withProgress. */
  show?: typeof vscode.window.withProgress;
}

/**
 * Runs `run` at once, with one AbortSignal for its whole life, and shows a cancellable progress
 * notification only if it is still running after the delay. Cancel (the caller's token at any
 * time, the notification's button once shown) aborts the signal; `run` decides what that means.
 * Nothing is retried here.
 */
export function withCancellableProgress<T>(title: string, run: (signal: AbortSignal) => Promise<T>, options: ProgressOptions = {}): Promise<T> {
  const abort = new AbortController();
  const subs: vscode.Disposable[] = [];
  if (options.cancel) {
    if (options.cancel.isCancellationRequested) {
      abort.abort();
    }
    subs.push(options.cancel.onCancellationRequested(() => abort.abort()));
  }
  const running = run(abort.signal);
  let settled = false;
  const timer = setTimeout(() => {
    if (settled || abort.signal.aborted) {
      return;
    }
    const show = options.show ?? vscode.window.withProgress;
    void Promise.resolve(
      show({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_progress, cancel) => {
        subs.push(cancel.onCancellationRequested(() => abort.abort()));
        // The notification closes when the run ends, however it ends.
        return running.then(
          () => undefined,
          () => undefined,
        );
      }),
    ).catch(() => undefined);
  }, options.delayMs ?? PROGRESS_DELAY_MS);
  return running.finally(() => {
    settled = true;
    clearTimeout(timer);
    for (const d of subs) {
      d.dispose();
    }
  });
}

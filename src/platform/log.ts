import * as vscode from 'vscode';
import type { Logger } from '../core/common/log';
import { createRedactor } from '../core/common/redact';

/**
 * The `Vued` output channel. Everything written to it passes through the redactor, which knows the
 * current token, every secret created in this window and the prefixes of the keys this window has
 * seen, and scrubs Authorization/secret/token fields.
 */
export class Log implements Logger, vscode.Disposable {
  private channelInstance: vscode.LogOutputChannel | undefined;
  private readonly redactor = createRedactor();

  /** Made with the first line or show(), not at activation: creating it is a round trip to the workbench. */
  private get channel(): vscode.LogOutputChannel {
    return (this.channelInstance ??= vscode.window.createOutputChannel('Vued', { log: true }));
  }

  /** Registers a value that must never appear in the log (the token, a created secret). */
  protect(value: string): void {
    this.redactor.addSecret(value);
  }

  /**
   * Prefixes of keys this window knows (listed in the sidebar, created here, found by the orphan
   * check): a secret of one of these keys is redacted whole, whatever its alphabet.
   */
  knowPrefixes(prefixes: Iterable<string>): void {
    this.redactor.knowPrefixes(prefixes);
  }

  /** The text with every protected value and credential field scrubbed. */
  redact(text: string): string {
    return this.redactor.redact(text);
  }

  trace(message: string): void {
    this.channel.trace(this.redactor.redact(message));
  }
  debug(message: string): void {
    this.channel.debug(this.redactor.redact(message));
  }
  info(message: string): void {
    this.channel.info(this.redactor.redact(message));
  }
  warn(message: string): void {
    this.channel.warn(this.redactor.redact(message));
  }
  error(message: string): void {
    this.channel.error(this.redactor.redact(message));
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channelInstance?.dispose();
  }
}

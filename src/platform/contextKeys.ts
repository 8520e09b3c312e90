import * as vscode from 'vscode';

/**
 * The extension's context keys (`setContext`), with the value each was last given. VS Code offers
 * no way to read a context key back, so the values are kept here: the tests check the `when`
 * clauses of package.json against them. Only booleans and ids go here, never a token or a secret.
 */
export class ContextKeyValues {
  private readonly values = new Map<string, boolean | string>();
  /** Values set but not yet sent to VS Code, and the macrotask that sends them. */
  private readonly unsent = new Map<string, boolean | string>();
  private sending: Promise<void> | undefined;

  /**
   * Records the value at once (`get` sees it) and sends it a macrotask later, with every other key
   * set in the meantime: the keys activation sets cost it no round trip to the workbench. Resolves
   * when VS Code has the value.
   */
  set(key: string, value: boolean | string): Promise<void> {
    if (this.values.get(key) === value) {
      return (this.unsent.has(key) && this.sending) || Promise.resolve();
    }
    this.values.set(key, value);
    this.unsent.set(key, value);
    return (this.sending ??= new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() => this.send()));
  }

  private async send(): Promise<void> {
    this.sending = undefined;
    const batch = [...this.unsent];
    this.unsent.clear();
    await Promise.all(batch.map(([key, value]) => vscode.commands.executeCommand('setContext', key, value)));
  }

  get(key: string): boolean | string | undefined {
    return this.values.get(key);
  }

  snapshot(): Record<string, boolean | string> {
    return Object.fromEntries(this.values);
  }
}

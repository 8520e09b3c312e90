import * as vscode from 'vscode';

/**
 * The extension's context keys (`setContext`), with the value each was last given. VS Code offers
 * no way to read a context key back, so the values are kept here: the tests check the `when`
 * clauses of package.json against them. Only booleans and ids go here, never a token or a secret.
 */
export class ContextKeyValues {
  private readonly values = new Map<string, boolean | string>();

  async set(key: string, value: boolean | string): Promise<void> {
    if (this.values.get(key) === value) {
      return;
    }
    this.values.set(key, value);
    await vscode.commands.executeCommand('setContext', key, value);
  }

  get(key: string): boolean | string | undefined {
    return this.values.get(key);
  }

  snapshot(): Record<string, boolean | string> {
    return Object.fromEntries(this.values);
  }
}

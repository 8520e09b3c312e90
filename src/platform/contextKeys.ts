import * as vscode from 'vscode';

/**
 * The extension's context keys (`setContext`), with the value each was last given. VS Code offers
 * no way to read a context key back, so the values are kept here: the tests check the `when`
 * clauses of package.json against them. Only booleans and ids go here, never a token or a secret.
 */
export class ContextKeyValues {
  private readonly values = new Map<string, boolean | string>();
  /** Values set while the extension activates; sent together a macrotask later, then undefined. */
  private held: Map<string, boolean | string> | undefined = new Map();
  private readonly released: Promise<void>;

  /** Made in activate(): what activation sets costs it no round trip to the workbench. */
  constructor() {
    this.released = new Promise<void>((resolve) => setTimeout(resolve, 0)).then(async () => {
      const batch = [...(this.held ?? [])];
      this.held = undefined;
      await Promise.all(batch.map(([key, value]) => vscode.commands.executeCommand('setContext', key, value)));
    });
  }

  /** Resolves when VS Code has the value. */
  async set(key: string, value: boolean | string): Promise<void> {
    if (this.values.get(key) === value) {
      return;
    }
    this.values.set(key, value);
    if (this.held) {
      this.held.set(key, value);
      await this.released;
      return;
    }
    await vscode.commands.executeCommand('setContext', key, value);
  }

  get(key: string): boolean | string | undefined {
    return this.values.get(key);
  }

  snapshot(): Record<string, boolean | string> {
    return Object.fromEntries(this.values);
  }
}

/**
 * What activation registers, and nothing more: the commands a person can run before the rest of the
 * extension (src/main.ts, dist/main.js) has loaded. Each is a stand-in that loads the rest on its
 * first call and hands the call over. This module and src/extension.ts are all that activation
 * parses.
 *
 * The API Keys view and the `vued` authentication provider are registered by dist/main.js, a
 * macrotask later: until a view has a data provider VS Code shows its welcome content, as it does
 * anyway until the first rows arrive, and VS Code waits for an authentication provider to register
 * after activation (up to 5 s) before it answers a request for its sessions.
 *
 * Only types are imported from the rest of the extension: a value import would pull its module
 * into the activation file.
 */
import type * as vscode from 'vscode';

/**
 * The commands a person can run before dist/main.js has started: those the palette shows while none
 * of the extension's context keys is set, the view's title buttons that need no context key, and
 * the commands the walkthrough and the welcome views link to. They are registered at activation
 * (src/main.ts fills in the work). Every other command can only be reached from something
 * dist/main.js makes (a tree row, a context key), so dist/main.js registers it as it starts, before
 * that thing exists. test/unit/constants.test.ts derives this list from package.json.
 */
export const FRONT_DOOR_COMMANDS = [
  'vued.createApiKey',
  'vued.setToken',
  'vued.insertSecretIntoEnv',
  'vued.showLogs',
  'vued.showActions',
  'vued.refreshKeys',
  'vued.addOrganization',
  'vued.toggleSecretMasking',
] as const;

/** Whether activation registers `id` (and src/main.ts hands its work to the front door). */
export function isFrontDoorCommand(id: string): boolean {
  return (FRONT_DOOR_COMMANDS as readonly string[]).includes(id);
}

type Handler = (...args: never[]) => unknown;

/** How src/main.ts has a command registered: through the front door, or with VS Code directly. */
export type RegisterCommand = (id: string, run: Handler) => void;

/** What src/main.ts gives the debug configuration stand-in: the work of resolveDebugConfigurationWithSubstitutedVariables. */
export type DebugResolver = (config: vscode.DebugConfiguration) => vscode.ProviderResult<vscode.DebugConfiguration>;

/**
 * The stand-ins registered at activation, and the place src/main.ts puts the commands' work. `load`
 * loads the rest of the extension (once); every stand-in calls it before it hands a call over.
 *
 * One more stand-in: a debug configuration provider for every debug type. When a debug session
 * activates the extension (`onDebug`), VS Code asks the providers registered by then, right after
 * activate() returns, so this one cannot wait for dist/main.js.
 */
export class FrontDoor {
  private readonly handlers = new Map<string, Handler>();
  private debugResolver: DebugResolver | undefined;

  constructor(
    api: typeof vscode,
    context: vscode.ExtensionContext,
    private readonly load: () => void,
  ) {
    for (const id of FRONT_DOOR_COMMANDS) {
      context.subscriptions.push(api.commands.registerCommand(id, (...args: never[]) => this.handler(id)(...args)));
    }
    context.subscriptions.push(
      api.debug.registerDebugConfigurationProvider('*', {
        resolveDebugConfigurationWithSubstitutedVariables: (_folder, config) => {
          this.load();
          return this.debugResolver ? this.debugResolver(config) : config;
        },
      }),
    );
  }

  /** Called by src/main.ts with the work of the debug configuration stand-in. */
  setDebugResolver(resolve: DebugResolver): void {
    this.debugResolver = resolve;
  }

  /** Called by src/main.ts for each command it runs; an id activation did not register is a mistake. */
  setCommand(id: string, run: Handler): void {
    if (!isFrontDoorCommand(id)) {
      throw new Error(`The command ${id} is not registered at activation (src/frontDoor.ts)`);
    }
    this.handlers.set(id, run);
  }

  private handler(id: string): Handler {
    this.load();
    const run = this.handlers.get(id);
    if (!run) {
      throw new Error(`The command ${id} has no handler (src/main.ts)`);
    }
    return run;
  }
}

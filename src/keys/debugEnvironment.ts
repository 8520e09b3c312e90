import * as vscode from 'vscode';
import { mergeDebugEnvironment } from '../core/keys/keychain';
import { readConfig } from '../platform/config';
import type { Log } from '../platform/log';
import type { Services } from '../services';
import type { HeldKeyStore } from './keychain';

/**
 * The variables held for this workspace, merged into each launch configuration's `env` as VS Code
 * resolves it (after its variables are substituted), in memory: launch.json is never written. A
 * variable the configuration sets itself keeps its own value. Nothing is added in an untrusted
 * workspace, with `vued.inject.debug` off, or to an attach configuration (it starts no program).
 * Log lines name the session and the variables, never a value.
 */
export class DebugEnvironment {
  constructor(
    private readonly store: HeldKeyStore,
    private readonly log: Pick<Log, 'info' | 'warn'>,
  ) {}

  async resolve(config: vscode.DebugConfiguration): Promise<vscode.DebugConfiguration> {
    if (this.store.mappings().length === 0 || config.request === 'attach') {
      return config;
    }
    const session = JSON.stringify(String(config.name ?? config.type));
    if (!vscode.workspace.isTrusted) {
      this.log.info(`Debug session ${session}: the workspace is not trusted, so no held key was added.`);
      return config;
    }
    if (!readConfig().injectDebug) {
      this.log.info(`Debug session ${session}: vued.inject.debug is off, so no held key was added.`);
      return config;
    }
    let held: Awaited<ReturnType<HeldKeyStore['environment']>>;
    try {
      held = await this.store.environment();
    } catch (e) {
      this.log.warn(`Debug session ${session}: the keychain could not be read (${e instanceof Error ? e.message : String(e)}), so no held key was added.`);
      return config;
    }
    for (const m of held.missing) {
      this.log.warn(`Debug session ${session}: ${m.variable} stands for the key ${m.keyId}, whose secret is no longer in the keychain.`);
    }
    const merge = mergeDebugEnvironment(config.env, held.env);
    if (merge.env === undefined) {
      this.log.warn(`Debug session ${session}: its env is not an object, so no held key was added.`);
      return config;
    }
    for (const name of merge.explicit) {
      this.log.info(`Debug session ${session}: ${name} is set by the launch configuration; its own value is used, not the key held for it.`);
    }
    if (merge.added.length > 0) {
      this.log.info(`Debug session ${session}: added ${merge.added.join(', ')} from the keychain.`);
    }
    return { ...config, env: merge.env };
  }
}

/**
 * Answers the debug configuration provider for every debug type (registered from the extension's
 * first moment, `onDebug` included), so that every session gets the held variables.
 */
export function registerDebugEnvironment(s: Services): DebugEnvironment {
  const debug = new DebugEnvironment(s.heldKeys, s.log);
  s.registrations.debugConfigurationProvider({
    resolveDebugConfigurationWithSubstitutedVariables: (_folder, config) => debug.resolve(config),
  });
  return debug;
}

import * as vscode from 'vscode';
import { Settings } from '../constants';
import { readHosts } from '../platform/config';

/** `vued.openApiSettings`, on a row saying a host could not be reached: the setting that holds its address. */
export async function openApiSettingsCommand(origin?: string): Promise<void> {
  const host = readHosts().hosts.find((h) => h.origin === origin);
  const setting = host === undefined || host.isDefault ? Settings.apiBaseUrl : Settings.hosts;
  await vscode.commands.executeCommand('workbench.action.openSettings', `${Settings.section}.${setting}`);
}

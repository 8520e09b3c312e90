/**
 * Entry point of dist/flows.js, loaded by src/lazy.ts when a command first runs: what each command
 * does (src/commands/*), with the questions, the `.env` editing and the rotation plan they use.
 * Also the editor features (editor/shell.ts), the quick inputs and the key journal (services.ts), the
 * usage index (dotenvFiles/usages.ts), which parses .env files, the orphan check
 * (orphanSchedule.ts) and the sweep of what unfinished writes left (dotenvFiles/leftovers.ts). The registrations themselves stay in the activation bundle (commands/index.ts).
 */
export { signInFlow } from './auth/signInFlow';
export { addOrganizationCommand } from './commands/addOrganization';
export { copyKeyIdCommand, copyKeyPrefixCommand, copyOrganizationIdCommand } from './commands/copyIds';
export { ApiKeyCreation } from './commands/createApiKey';
export { findKeyUsagesCommand } from './commands/findKeyUsages';
export { forgetHeldKeyCommand } from './commands/forgetHeldKey';
export { insertSecretIntoEnvCommand } from './commands/insertSecretIntoEnv';
export { keepInKeychainCommand } from './commands/keepInKeychain';
export { newTerminalWithKeysCommand } from './commands/newTerminalWithKeys';
export { removeOrganizationCommand } from './commands/removeOrganization';
export { renameOrganizationCommand } from './commands/renameOrganization';
export { revokeApiKeyCommand } from './commands/revokeApiKey';
export { rotateApiKeyCommand } from './commands/rotateApiKey';
export { setTokenCommand } from './commands/setToken';
export { showActionsCommand } from './commands/showActions';
export { signOutCommand } from './commands/signOut';
export { useInTerminalsCommand } from './commands/useInTerminals';
export { UsageIndex } from './dotenvFiles/usageIndex';
export { sweepWriteLeftovers } from './dotenvFiles/leftoverSweep';
export { KeyJournal } from './keyJournal';
export { OrphanCheck } from './orphanCheck';
export { VscodeUi } from './ui/vscodeUi';
export { editorDeps } from './editor/adapter';
export { registerEditorFeatures } from './editor';

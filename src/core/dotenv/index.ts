/** Reading and editing `.env` files without touching bytes that are not part of the change. */
export { parseEnv } from './parse';
export { EnvEditError, findDefinitions, isValidEnvName, removeEnvVariable, upsertEnvVariable } from './edit';

/** Reading and editing `.env` files without touching bytes that are not part of the change. */
export { detectEol, envValues, parseEnv, type EnvEntry, type EnvQuote } from './parse';
export {
  EnvEditError,
  EnvVariableExistsError,
  findDefinitions,
  findValuesStartingWith,
  formatEnvValue,
  isValidEnvName,
  removeEnvVariable,
  upsertEnvVariable,
  type EnvEditResult,
  type EnvTextEdit,
  type Eol,
  type UpsertOptions,
} from './edit';

/** Reading and editing `.env` files without touching bytes that are not part of the change. */
export { detectEol, envValues, parseEnv, type EnvEntry, type EnvQuote } from './parse';
export { applyEdit, type TextEdit } from '../common/textEdit';
export {
  EnvEditError,
  editReadsAsIntended,
  EnvVariableExistsError,
  findDefinitions,
  findValuesStartingWith,
  formatEnvValue,
  isValidEnvName,
  removeEnvVariable,
  upsertEnvVariable,
  type EnvEditResult,
  type Eol,
  type UpsertOptions,
} from './edit';

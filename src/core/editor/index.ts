/** What the editor knows about Vued keys in `.env` and source files: pure, no VS Code. */
export { ForwardPositions, LineIndex, type Position, type TextRange } from './positions';
export { daysLeft, formatDay, KeyPrefixIndex, nextStatusChange, statusText, type KnownKey, type StatusTextOptions } from '../keys/knownKeys';
export {
  committedFindings,
  findEnvKeyFindings,
  findingAt,
  keyFindingMessage,
  unknownSecretMessage,
  type EnvFindingOptions,
  type EnvKeyFinding,
  type FindingPlace,
  type FindingSeverity,
  type GitVerdict,
  type OffsetRange,
} from './envFindings';
export { planRemoval, planSecretReplacement } from './keyEdits';
export { commandLink, keyHoverMarkdown, type HoverCommands, type HoverOptions } from './hoverMarkdown';
export {
  DEFAULT_ENV_VARIABLE,
  envReadExpression,
  HARD_CODED_MESSAGE,
  HARD_CODED_TEXT,
  planMoveToEnv,
  scanSourceForSecrets,
  type HardCodedSecret,
  type MoveToEnvPlan,
  type SourceEdit,
} from './sourceScan';
export { jsDialect, jsLiteralUse, scanJsLiterals, type CodeLiteral, type JsDialect, type LiteralUse } from './jsCode';
export { scanPython, type PythonLiteral, type PythonModule } from './pythonCode';
export { MASK_DOTS, maskLabel, maskRanges, maskRangesFromFindings, MaskSet, MAX_EDITOR_CHARS, withoutIndices, type LineSpan, type MaskOptions, type MaskRange } from './maskRanges';
export { BINARY_SNIFF_BYTES, inSkippedFolder, looksBinary, MAX_SCANNED_FILE_BYTES, MAX_SCANNED_FILES, SCAN_PARALLELISM, splitNulList } from './sourceFiles';

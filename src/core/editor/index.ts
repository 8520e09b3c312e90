/** What the editor knows about Vued keys in `.env` and source files: pure, no VS Code. */
export { LineIndex, type TextRange } from './positions';
export { KeyPrefixIndex, nextStatusChange, statusText, type KnownKey } from '../keys/knownKeys';
export { committedFindings, findEnvKeyFindings, findingAt, type EnvKeyFinding, type FindingSeverity, type GitVerdict, type OffsetRange } from './envFindings';
export { planRemoval, planSecretReplacement } from './keyEdits';
export { keyHoverMarkdown, type HoverCommands } from './hoverMarkdown';
export { envReadExpression, HARD_CODED_MESSAGE, HARD_CODED_TEXT, planMoveToEnv, scanSourceForSecrets, type HardCodedSecret, type SourceEdit } from './sourceScan';
export { jsDialect, scanJsLiterals, type CodeLiteral } from './jsCode';
export { scanPython } from './pythonCode';
export { maskLabel, maskRanges, maskRangesFromFindings, MaskSet, MAX_EDITOR_CHARS, withoutIndices, type LineSpan, type MaskRange } from './maskRanges';
export { BINARY_SNIFF_BYTES, inSkippedFolder, looksBinary, MAX_SCANNED_FILE_BYTES, MAX_SCANNED_FILES, SCAN_PARALLELISM, splitNulList } from './sourceFiles';

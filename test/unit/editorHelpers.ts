/** Shared checks for the editor core's tests. */
import assert from 'node:assert/strict';
import ts from 'typescript';

/** Where an editor puts `offset`: lines end at CRLF, LF or CR; a leading BOM is not shown. */
export function positionOracle(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset).split(/\r\n|\r|\n/);
  const last = before[before.length - 1];
  const bom = before.length === 1 && text.startsWith('\uFEFF') && offset > 0 ? 1 : 0;
  return { line: before.length - 1, character: last.length - bom };
}

/** No text holds a secret, nor any 8-character piece of one (the shared `vued_sk_` included). */
export function assertNoLeak(texts: readonly string[], secrets: readonly string[]): void {
  for (const secret of secrets) {
    for (let i = 0; i + 8 <= secret.length; i++) {
      const piece = secret.slice(i, i + 8);
      for (const t of texts) {
        assert.equal(t.includes(piece), false, `a text holds ${JSON.stringify(piece)} of a secret: ${t}`);
      }
    }
  }
}

// ---- The languages' own parsers, as oracles for "Move to .env" ----

/** How TypeScript's parser reads a file of each VS Code language id (`.js` files may hold JSX, as in TypeScript). */
const SCRIPT_KINDS: Record<string, ts.ScriptKind> = {
  javascript: ts.ScriptKind.JS,
  javascriptreact: ts.ScriptKind.JSX,
  typescript: ts.ScriptKind.TS,
  typescriptreact: ts.ScriptKind.TSX,
};

export function tsParse(text: string, languageId: string): ts.SourceFile {
  const kind = SCRIPT_KINDS[languageId];
  assert.ok(kind !== undefined, `no TypeScript script kind for ${languageId}`);
  return ts.createSourceFile(`file.${languageId}`, text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, true, kind);
}

/** The syntax errors TypeScript's parser reports on `text` (the parser's own diagnostics, no type checking). */
export function tsSyntaxErrors(text: string, languageId: string, sf = tsParse(text, languageId)): string[] {
  const diagnostics = (sf as unknown as { parseDiagnostics: readonly ts.Diagnostic[] }).parseDiagnostics;
  return diagnostics.map((d) => `${d.start ?? '?'}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
}

/** Where a string literal stands, by TypeScript's syntax tree: where an expression may stand, a JSX attribute's value, or neither. */
export type LiteralVerdict = 'expression' | 'jsxAttribute' | 'none';

export interface TsLiteral {
  start: number;
  end: number;
  verdict: LiteralVerdict;
  /** The parent node's kind, for messages. */
  parent: string;
}

/** The kinds whose `name` is a key, never an expression. */
function isNamedByKey(node: ts.Node): node is ts.Node & { name: ts.Node } {
  return (
    ts.isPropertyAssignment(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isPropertyDeclaration(node) ||
    ts.isPropertySignature(node) ||
    ts.isMethodSignature(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node) ||
    ts.isEnumMember(node) ||
    ts.isBindingElement(node)
  );
}

function literalVerdict(node: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral): LiteralVerdict {
  const parent = node.parent;
  if (ts.isJsxAttribute(parent)) {
    return 'jsxAttribute';
  }
  if (ts.isExpressionStatement(parent) || ts.isTaggedTemplateExpression(parent)) {
    return 'none';
  }
  // Inside a `declare` (an ambient context) nothing runs: no initialiser may stand there.
  for (let n: ts.Node = parent; !ts.isSourceFile(n); n = n.parent) {
    if (ts.canHaveModifiers(n) && ts.getModifiers(n)?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword)) {
      return 'none';
    }
  }
  if (isNamedByKey(parent) && parent.name === node) {
    return 'none';
  }
  if (ts.isBindingElement(parent) && parent.propertyName === node) {
    return 'none';
  }
  // A module's name is not a value to read from the environment: import/export/require/import().
  if (ts.isCallExpression(parent) && (parent.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(parent.expression) && parent.expression.text === 'require'))) {
    return 'none';
  }
  if (ts.isModuleDeclaration(parent) && parent.name === node) {
    return 'none';
  }
  for (let n: ts.Node = parent; !ts.isSourceFile(n); n = n.parent) {
    // A class's heritage (`extends mixin('…')`) is an expression although TypeScript calls it a type node.
    const type = ts.isTypeNode(n) && !ts.isExpressionWithTypeArguments(n);
    if (
      type ||
      ts.isEnumMember(n) ||
      ts.isImportDeclaration(n) ||
      ts.isExportDeclaration(n) ||
      ts.isExternalModuleReference(n) ||
      ts.isImportAttribute(n) ||
      ts.isImportSpecifier(n) ||
      ts.isExportSpecifier(n) ||
      ts.isNamespaceExport(n) ||
      ts.isInterfaceDeclaration(n) ||
      ts.isTypeAliasDeclaration(n)
    ) {
      return 'none';
    }
  }
  return 'expression';
}

/** Every string literal and substitution-free template of `text`, with where TypeScript's tree puts it. */
export function tsStringLiterals(text: string, languageId: string, sf = tsParse(text, languageId)): TsLiteral[] {
  const out: TsLiteral[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      out.push({ start: node.getStart(sf), end: node.end, verdict: literalVerdict(node), parent: ts.SyntaxKind[node.parent.kind] });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out.sort((a, b) => a.start - b.start);
}

/** Edits applied to `text`, last first (they do not overlap). */
export function applyEdits(text: string, edits: readonly { start: number; end: number; newText: string }[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) {
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  }
  return out;
}

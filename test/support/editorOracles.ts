/** Shared checks for the editor core's tests. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
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

/**
 * Python itself (python3 on PATH; the tests fail, not skip, without it), over many sources in one
 * process. For each source: whether it parses (`ast.parse`), whether a module-level `import` binds
 * `os` before the first module-level statement that mentions `os`, and, when `run` is set, what
 * running the module raises (with `environ` set in its environment).
 */
export interface PythonVerdict {
  /** The SyntaxError, or null when the source parses. */
  error: string | null;
  /** A top-level `import` binds `os` before any top-level statement names it (or none does). */
  osBoundBeforeUse?: boolean;
  /** The exception running the module raised ("NameError: …"), or null; only with `run`. */
  raised?: string | null;
  /** With `literals`: Python's STRING tokens ([start, end) in UTF-16 code units) and its string constants that stand alone where an expression goes. */
  tokens?: [number, number][];
  expressions?: [number, number][];
  /** With `literals`: Python's NAME tokens. */
  names?: [number, number][];
}

const PYTHON_ORACLE = String.raw`
import ast, io, json, os, sys, tokenize, traceback
jobs = json.load(sys.stdin)

def offsets(src, bom):
    starts, at = [], bom
    for line in src.split('\n'):
        line += '\n'
        starts.append((at, line))
        at += len(line.encode('utf-16-le')) // 2
    starts.append((at, ''))
    return starts

def utf16(starts, row, col, byte_col):
    at, line = starts[row - 1]
    prefix = line.encode('utf-8')[:col].decode('utf-8') if byte_col else line[:col]
    return at + len(prefix.encode('utf-16-le')) // 2

def names_os(node):
    return any(isinstance(n, ast.Name) and n.id == 'os' for n in ast.walk(node))

def binds_os(stmt):
    return isinstance(stmt, ast.Import) and any((a.asname is None and a.name.split('.')[0] == 'os') or (a.asname == 'os' and a.name == 'os') for a in stmt.names)

out = []
for job in jobs:
    src = job['source']
    # Python reads a file's leading BOM as its encoding mark, not as text.
    bom = 1 if src.startswith('\ufeff') else 0
    src = src[bom:]
    r = {}
    try:
        tree = ast.parse(src)
        r['error'] = None
    except SyntaxError as e:
        out.append({'error': '%s (line %s)' % (e.msg, e.lineno)})
        continue
    bound = None
    used = None
    for i, stmt in enumerate(tree.body):
        if bound is None and binds_os(stmt):
            bound = i
        if used is None and not binds_os(stmt) and names_os(stmt):
            used = i
    r['osBoundBeforeUse'] = used is None or (bound is not None and bound < used)
    if job.get('run'):
        os.environ.update(job.get('environ', {}))
        try:
            exec(compile(tree, '<vued>', 'exec'), {'__name__': '__vued_check__'})
            r['raised'] = None
        except BaseException as e:
            r['raised'] = '%s: %s' % (type(e).__name__, e)
    if job.get('literals'):
        starts = offsets(src, bom)
        toks, names = [], []
        for t in tokenize.generate_tokens(io.StringIO(src).readline):
            if t.type == tokenize.STRING:
                toks.append([utf16(starts, *t.start, False), utf16(starts, *t.end, False)])
            elif t.type == tokenize.NAME:
                names.append([utf16(starts, *t.start, False), utf16(starts, *t.end, False)])
        r['tokens'] = toks
        r['names'] = names
        parents = {}
        for node in ast.walk(tree):
            for child in ast.iter_child_nodes(node):
                parents[child] = node
        exprs = []
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                p = parents.get(node)
                if isinstance(p, (ast.Expr, ast.JoinedStr, ast.FormattedValue, ast.MatchValue)):
                    continue
                inside = p
                while inside is not None and not isinstance(inside, (ast.JoinedStr, ast.pattern)):
                    inside = parents.get(inside)
                if inside is not None:
                    continue
                exprs.append([utf16(starts, node.lineno, node.col_offset, True), utf16(starts, node.end_lineno, node.end_col_offset, True)])
        r['expressions'] = exprs
    out.append(r)
json.dump(out, sys.stdout)
`;

export interface PythonJob {
  source: string;
  run?: boolean;
  environ?: Record<string, string>;
  literals?: boolean;
}

export function pythonOracle(jobs: readonly PythonJob[]): PythonVerdict[] {
  const stdout = execFileSync('python3', ['-c', PYTHON_ORACLE], { input: JSON.stringify(jobs), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 120_000 });
  const verdicts = JSON.parse(stdout) as PythonVerdict[];
  assert.equal(verdicts.length, jobs.length, 'python3 answered for every source');
  return verdicts;
}

/** Edits applied to `text`, last first (they do not overlap). */
export function applyEdits(text: string, edits: readonly { start: number; end: number; newText: string }[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) {
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  }
  return out;
}

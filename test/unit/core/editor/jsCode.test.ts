/**
 * The JavaScript/TypeScript literal scanner (src/core/editor/jsCode.ts) against TypeScript's own
 * parser, on real code and on generated code:
 *
 * - real code (this repository's sources and a sample of node_modules, minified bundles and
 *   `.d.ts` files included): the scanner finds exactly the string literals TypeScript finds, offers
 *   a replacement only where TypeScript's tree has an expression (or a JSX attribute value), and
 *   all its replacements at once still parse;
 * - mutations of that code (seeded): identifiers replaced by a secret literal wherever the result
 *   still parses, so literals land in keys, types, imports, parameters, enums…; the whole "Move to
 *   .env" path (scanSourceForSecrets → planMoveToEnv) must then give code that parses, or nothing;
 * - generated programs (seeded) in the four dialects, for what node_modules lacks: JSX with quotes
 *   in its text, generic arrow functions, type arguments on elements, nested templates, regular
 *   expressions with quotes, decorators, enums, declarations.
 *
 * Set VUED_FUZZ_SEED to replay another seed; the seed in use is printed.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { jsDialect, planMoveToEnv, scanJsLiterals, scanSourceForSecrets, type CodeLiteral } from '../../../../src/core/editor';
import { applyEdits, tsParse, tsStringLiterals, tsSyntaxErrors, type TsLiteral } from '../../../support/editorOracles';
import { seededRandom } from '../../../support/random';
import { repoRoot } from '../../../support/harness/paths';

const SECRET = 'vued_sk_Fz9qLmNoPqRsTuVwXyZaBcDeFgHi';
const SEED = Number(process.env.VUED_FUZZ_SEED ?? 20_260_301);
const REPO = repoRoot();

function languageOf(file: string): string {
  if (file.endsWith('.tsx')) return 'typescriptreact';
  if (file.endsWith('.jsx')) return 'javascriptreact';
  return /\.[mc]?ts$/.test(file) ? 'typescript' : 'javascript';
}

/** This repository's own TypeScript, then every `step`-th script of node_modules up to `budget` bytes, in a stable order. */
function realFiles(step: number, budget: number): string[] {
  const found: string[] = [];
  const walk = (dir: string, into: string[]) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full, into);
      else if (e.isFile() && /\.(m?js|cjs|[mc]?ts|tsx|jsx)$/.test(e.name)) into.push(full);
    }
  };
  walk(path.join(REPO, 'src'), found);
  walk(path.join(REPO, 'test'), found);
  const modules: string[] = [];
  walk(fs.realpathSync(path.join(REPO, 'node_modules')), modules);
  let bytes = 0;
  for (let i = 0; i < modules.length && bytes < budget; i += step) {
    const size = fs.statSync(modules[i]).size;
    if (size <= 1_000_000) {
      found.push(modules[i]);
      bytes += size;
    }
  }
  return found;
}

/**
 * The replacement of a literal of this use, spaced from a word on either side (planMoveToEnv
 * never replaces a literal glued to a word before it, as minified `case"x":`, but its use is still checked here).
 */
function replacement(text: string, lit: CodeLiteral): string {
  const read = 'process.env.VUED_API_KEY';
  if (lit.use === 'jsxAttribute') return `{${read}}`;
  const word = (c: string | undefined) => c !== undefined && /[\w$]/.test(c);
  return `${word(text[lit.start - 1]) ? ' ' : ''}${read}${word(text[lit.end]) ? ' ' : ''}`;
}

interface Tally {
  files: number;
  bytes: number;
  literals: number;
  expressions: number;
  offered: number;
  lost: string[];
  problems: string[];
}

/** Compares the scanner with TypeScript on one file; pushes what disagrees onto tally.problems. */
function compare(file: string, text: string, languageId: string, tally: Tally, tree: TsLiteral[]): void {
  const ours = scanJsLiterals(text, jsDialect(languageId)!);
  if (!ours) {
    tally.lost.push(file);
    return;
  }
  const spans = (xs: readonly { start: number; end: number }[]) => xs.map((x) => `${x.start}-${x.end}`).join(',');
  if (spans(ours) !== spans(tree)) {
    const theirs = new Set(tree.map((x) => x.start));
    const mine = new Set(ours.map((x) => x.start));
    const odd = tree.find((x) => !mine.has(x.start)) ?? ours.find((x) => !theirs.has(x.start))!;
    tally.problems.push(`${file}: the scanner and TypeScript read different literals near ${JSON.stringify(text.slice(Math.max(0, odd.start - 60), odd.end + 20))}`);
    return;
  }
  const edits: { start: number; end: number; newText: string }[] = [];
  for (const [i, lit] of ours.entries()) {
    const verdict = tree[i].verdict;
    tally.literals++;
    if (verdict === 'expression') tally.expressions++;
    if (!lit.use) continue;
    if (lit.use === 'expression' && verdict === 'expression') tally.offered++;
    if ((lit.use === 'expression' ? 'expression' : 'jsxAttribute') !== verdict) {
      tally.problems.push(`${file}: ${lit.use} offered where TypeScript has ${tree[i].parent}: ${JSON.stringify(text.slice(Math.max(0, lit.start - 80), lit.end + 20))}`);
    }
    edits.push({ start: lit.start, end: lit.end, newText: replacement(text, lit) });
  }
  const errors = tsSyntaxErrors(applyEdits(text, edits), languageId);
  if (errors.length) {
    tally.problems.push(`${file}: after every replacement: ${errors.slice(0, 3).join('; ')}`);
  }
}

function tally(): Tally {
  return { files: 0, bytes: 0, literals: 0, expressions: 0, offered: 0, lost: [], problems: [] };
}

interface MoveCheck {
  tried: number;
  offered: number;
  problems: string[];
}

/** The whole Move to .env path on `text` for the secret literal starting at `at`: valid code and the literal gone, or no fix. */
function checkMove(label: string, text: string, languageId: string, at: number, check: MoveCheck, tree = tsStringLiterals(text, languageId)): void {
  const secret = scanSourceForSecrets(text).find((s) => s.literalRange?.start === at);
  check.tried++;
  if (!secret) {
    return;
  }
  const plan = planMoveToEnv(text, secret, languageId);
  if (!plan) {
    return;
  }
  check.offered++;
  const result = applyEdits(text, plan.sourceEdits);
  const node = tree.find((l) => l.start === at);
  const jsx = plan.sourceEdits[0].newText.startsWith('{');
  const context = JSON.stringify(text.slice(Math.max(0, at - 80), at + SECRET.length + 30));
  if (!node || node.verdict !== (jsx ? 'jsxAttribute' : 'expression')) {
    check.problems.push(`${label}: fix offered where TypeScript has ${node?.parent ?? 'no literal'}: ${context}`);
  }
  const errors = tsSyntaxErrors(result, languageId);
  if (errors.length) {
    check.problems.push(`${label}: the result does not parse (${errors[0]}): ${context}`);
  }
  if (result.split(SECRET).length !== text.split(SECRET).length - 1) {
    check.problems.push(`${label}: the literal is still there: ${context}`);
  }
}

describe('editor: the JavaScript/TypeScript literal scanner agrees with TypeScript', function () {
  this.timeout(300_000);
  const files = realFiles(20, 3_000_000);

  it('real code: the same literals as TypeScript, a fix only where TypeScript has an expression, and all fixes at once parse', () => {
    const t = tally();
    let skipped = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const languageId = languageOf(file);
      const sf = tsParse(text, languageId);
      if (tsSyntaxErrors(text, languageId, sf).length) {
        skipped++;
        continue;
      }
      t.files++;
      t.bytes += text.length;
      compare(path.relative(REPO, file), text, languageId, t, tsStringLiterals(text, languageId, sf));
    }
    const coverage = t.offered / t.expressions;
    console.log(
      `      ${t.files} files, ${(t.bytes / 1e6).toFixed(1)} MB (${skipped} TypeScript cannot parse, left out); ${t.literals} literals, ` +
        `${t.expressions} where TypeScript has an expression, ${t.offered} of them offered (${(coverage * 100).toFixed(2)} %); ${t.lost.length} files not followed`,
    );
    assert.deepEqual(t.problems.slice(0, 10), []);
    assert.ok(t.files > 500, `a real corpus: ${t.files} files`);
    assert.ok(t.lost.length <= t.files / 200, `the scanner follows real code to its end: lost in ${t.lost.slice(0, 5).join(', ')}`);
    // Conservative, not useless: a scanner that lost its way would offer (almost) nothing.
    assert.ok(coverage > 0.98, `coverage ${coverage}`);
  });

  it(`mutations of real code (seed ${SEED}): identifiers turned into a secret literal wherever that parses; Move to .env gives valid code or nothing`, () => {
    const rand = seededRandom(SEED);
    const check: MoveCheck = { tried: 0, offered: 0, problems: [] };
    let mutants = 0;
    const small = files.filter((f) => fs.statSync(f).size <= 20_000);
    for (let n = 0; n < 80 && small.length; n++) {
      const file = small[Math.floor(rand() * small.length)];
      const text = fs.readFileSync(file, 'utf8');
      const languageId = languageOf(file);
      const sf = tsParse(text, languageId);
      if (tsSyntaxErrors(text, languageId, sf).length) continue;
      const identifiers: { start: number; end: number }[] = [];
      const visit = (node: ts.Node): void => {
        if (ts.isIdentifier(node)) identifiers.push({ start: node.getStart(sf), end: node.end });
        node.forEachChild(visit);
      };
      visit(sf);
      for (let k = 0; k < 10 && identifiers.length; k++) {
        const id = identifiers[Math.floor(rand() * identifiers.length)];
        const quote = ["'", '"', '`'][Math.floor(rand() * 3)];
        const mutant = `${text.slice(0, id.start)}${quote}${SECRET}${quote}${text.slice(id.end)}`;
        if (tsSyntaxErrors(mutant, languageId).length) continue;
        mutants++;
        checkMove(`${path.relative(REPO, file)} (${quote} at ${id.start})`, mutant, languageId, id.start, check);
      }
    }
    console.log(`      ${mutants} mutants that parse; Move to .env offered on ${check.offered}`);
    assert.deepEqual(check.problems.slice(0, 10), []);
    assert.ok(mutants > 300 && check.offered > 100, `the fuzz reached code: ${mutants} mutants, ${check.offered} fixes`);
  });

  for (const languageId of ['typescriptreact', 'typescript', 'javascriptreact', 'javascript']) {
    it(`generated ${languageId} programs (seed ${SEED}): the same literals as TypeScript; Move to .env gives valid code or nothing`, () => {
      const dialect = jsDialect(languageId)!;
      const rand = seededRandom(SEED + languageId.length);
      const check: MoveCheck = { tried: 0, offered: 0, problems: [] };
      const t = tally();
      let parsed = 0;
      const programs = 250;
      for (let n = 0; n < programs; n++) {
        const text = new ProgramGenerator(rand, dialect.typescript, dialect.jsx).program();
        const sf = tsParse(text, languageId);
        const errors = tsSyntaxErrors(text, languageId, sf);
        if (errors.length) continue;
        parsed++;
        const tree = tsStringLiterals(text, languageId, sf);
        compare(`program ${n}`, text, languageId, t, tree);
        for (const s of scanSourceForSecrets(text)) {
          if (s.literalRange) checkMove(`program ${n}`, text, languageId, s.literalRange.start, check, tree);
        }
      }
      console.log(`      ${parsed} of ${programs} programs parse; ${t.literals} literals, ${t.expressions} expressions, ${t.offered} offered; Move to .env tried ${check.tried}, offered ${check.offered}`);
      assert.deepEqual([...t.problems, ...check.problems].slice(0, 10), []);
      assert.deepEqual(t.lost, []);
      assert.ok(parsed > programs * 0.9, `the generator writes valid ${languageId}: ${parsed} of ${programs}`);
      assert.ok(check.offered > 200 && check.offered < check.tried, `both outcomes reached: ${check.offered} of ${check.tried}`);
    });
  }
});

/** Random programs with the secret in many places (keys, types, JSX, templates, regular expressions, comments…). */
class ProgramGenerator {
  private n = 0;

  constructor(private readonly rand: () => number, private readonly ts: boolean, private readonly jsx: boolean) {}

  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rand() * xs.length)];
  }

  private hole(quotes: readonly string[] = ["'", '"', '`']): string {
    const q = this.pick(quotes);
    return `${q}${SECRET}${q}`;
  }

  private name(): string {
    return this.pick(['a', 'value', 'client', 'cfg', 'x']);
  }

  private fresh(): string {
    return `v${this.n++}`;
  }

  private ann(d: number): string {
    return this.ts && this.rand() < 0.6 ? `: ${this.type(d)}` : '';
  }

  type(d: number): string {
    if (d <= 0) return this.pick(['string', 'number', this.hole(["'", '"']), 'T']);
    const s = d - 1;
    return this.pick<() => string>([
      () => `${this.type(s)} | ${this.type(s)}`,
      () => `{ k: ${this.type(s)}; ${this.hole(["'"])}?: ${this.type(s)} }`,
      () => `Array<${this.type(s)}>`,
      () => `Record<string, ${this.type(s)}>`,
      () => `((x: ${this.type(s)}) => ${this.type(s)})`,
      () => `${this.type(0)}[]`,
      () => 'keyof typeof cfg',
      () => `(T extends ${this.type(s)} ? ${this.type(s)} : never)`,
      () => `\`a\${${this.type(s)}}\``,
      () => this.hole(["'", '"']),
    ])();
  }

  expr(d: number): string {
    if (d <= 0) return this.pick([this.hole(), this.hole(), this.name(), '42', 'null', "'x'"]);
    const s = d - 1;
    const options: (() => string)[] = [
      () => this.hole(),
      () => `${this.expr(s)} + ${this.expr(s)}`,
      () => `f(${this.expr(s)}, ${this.expr(s)})`,
      () => `${this.name()} ? ${this.expr(s)} : ${this.expr(s)}`,
      () => `{ key: ${this.expr(s)}, ${this.hole(["'", '"'])}: ${this.expr(s)}, [${this.expr(s)}]: 1, m()${this.ann(s)} { return ${this.expr(s)}; }, ...${this.name()} }`,
      () => `[${this.expr(s)}, ...${this.name()}]`,
      () => `\`t \${${this.expr(s)}} u\``,
      () => `/["'\`]\\/${this.pick(['', `"${SECRET}"`])}/g.test(${this.expr(s)})`,
      () => `((${this.name()}${this.ann(s)})${this.ann(s)} => (${this.expr(s)}))`,
      () => `${this.name()}?.[${this.expr(s)}]`,
      () => `${this.name()}.k(${this.expr(s)})`,
      () => `(typeof ${this.expr(s)})`,
      () => `require(${this.hole(["'", '"'])})`,
      () => `import(${this.hole(["'", '"'])})`,
      () => `tag\`${SECRET}\` + tag \`${SECRET}\``,
      () => `/* ${this.hole()} don't */ ${this.expr(s)}`,
      () => `(a / b / 2 + ${this.expr(s)})`,
    ];
    if (this.ts) {
      options.push(
        () => `(${this.expr(s)} as ${this.type(s)})`,
        () => `(${this.expr(s)} satisfies ${this.type(s)})`,
        () => `g<${this.type(s)}>(${this.expr(s)})`,
        () => `new Map<string, ${this.type(s)}>()`,
      );
      options.push(this.jsx ? () => `(<T,>(x: T) => ${this.expr(s)})` : () => `(<${this.type(s)}>${this.name()})`);
    }
    if (this.jsx) {
      options.push(() => this.element(s), () => this.element(s));
    }
    return this.pick(options)();
  }

  element(d: number): string {
    const tag = this.pick(['div', 'Provider', 'my-el', 'UI.Card']);
    const typeArgs = this.ts && tag === 'Provider' && this.rand() < 0.3 ? `<${this.type(0)}>` : '';
    const attrs: string[] = [];
    for (let i = Math.floor(this.rand() * 4); i > 0; i--) {
      attrs.push(
        this.pick<() => string>([
          () => `apiKey=${this.hole(["'", '"'])}`,
          () => `title="Don't \\ stop"`,
          () => `data-k={${this.expr(d)}}`,
          () => `{...${this.name()}}`,
          () => 'disabled',
        ])(),
      );
    }
    const open = `${tag}${typeArgs}${attrs.map((a) => ` ${a}`).join('')}`;
    if (d <= 0 || this.rand() < 0.3) return `<${open} />`;
    const children: string[] = [];
    for (let i = 1 + Math.floor(this.rand() * 3); i > 0; i--) {
      children.push(
        this.pick<() => string>([
          () => `Don't "quote" ${this.hole(["'", '"'])} here`,
          () => `{${this.expr(d - 1)}}`,
          () => this.element(d - 1),
          () => `{/* ${this.hole()} */}`,
        ])(),
      );
    }
    return this.rand() < 0.2 ? `<>${children.join('')}</>` : `<${open}>${children.join('\n')}</${tag}>`;
  }

  statement(d: number, inFunction: boolean, topLevel: boolean): string {
    if (d <= 0) return `${this.name()} = ${this.expr(0)};`;
    const s = d - 1;
    const options: (() => string)[] = [
      () => `const ${this.fresh()}${this.ann(s)} = ${this.expr(d)};`,
      () => `${this.name()} = ${this.expr(d)};`,
      () => `if (${this.expr(s)}) {\n${this.block(s, inFunction)}\n} else ${this.statement(s, inFunction, false)}`,
      () => `function ${this.fresh()}(${this.name()}${this.ann(s)} = ${this.expr(s)})${this.ann(s)} {\n${this.block(s, true)}\n}`,
      () => `class ${this.fresh()}${this.ts ? '<T>' : ''} {\n  ${this.hole(["'", '"'])} = ${this.expr(s)};\n  k${this.ann(s)} = ${this.expr(s)}\n  static s = ${this.expr(s)};\n  m(a${this.ann(s)})${this.ann(s)} {\n${this.block(s, true)}\n  }\n  get g() { return ${this.expr(s)}; }\n}`,
      () => `switch (${this.expr(s)}) {\n  case ${this.expr(s)}: break;\n  default: ${this.statement(s, inFunction, false)}\n}`,
      () => {
        const label = `L${this.n++}`;
        return `${label}: for (const x of ${this.expr(s)}) { if (x) break ${label}; }`;
      },
      () => `${this.hole(["'", '"'])};`,
      () => `// a 'comment' with "quotes" ${this.hole()}`,
      () => `for (let i = 0; i < ${this.expr(s)}; i++) { ${this.name()} = ${this.expr(s)}; }`,
      () => `x = a / b; y = /"'/.source;`,
    ];
    if (inFunction) options.push(() => `return ${this.expr(d)};`);
    if (topLevel) {
      options.push(() => `import ${this.fresh()} from ${this.hole(["'", '"'])};`, () => `export const ${this.fresh()} = ${this.expr(d)};`, () => `export * from ${this.hole(["'", '"'])};`);
    }
    if (this.ts) {
      options.push(
        () => `enum ${this.fresh()} { A = ${this.hole(["'", '"'])}, ${this.hole(["'", '"'])} = 2 }`,
        () => `type ${this.fresh()}<T> = ${this.type(d)};`,
        () => `interface ${this.fresh()} { k: ${this.type(s)}; m(): ${this.type(s)} }`,
        () => `declare const ${this.fresh()}: ${this.type(s)};`,
        () => `@dec(${this.expr(s)})\nclass ${this.fresh()} {\n  @prop(${this.expr(s)}) p = ${this.expr(s)};\n}`,
      );
      if (topLevel) {
        options.push(() => `declare module ${this.hole(["'", '"'])} {\n  export const k: ${this.type(s)};\n}`, () => `namespace ${this.fresh()} {\n  export const k = ${this.expr(s)};\n}`);
      }
    }
    return this.pick(options)();
  }

  private block(d: number, inFunction: boolean): string {
    const out: string[] = [];
    for (let i = 1 + Math.floor(this.rand() * 2); i > 0; i--) out.push(this.statement(Math.max(d, 0), inFunction, false));
    return out.join('\n');
  }

  program(): string {
    const out: string[] = [];
    for (let i = 2 + Math.floor(this.rand() * 4); i > 0; i--) out.push(this.statement(3, false, true));
    return `${out.join(this.rand() < 0.5 ? '\n' : '\r\n')}\n`;
  }
}

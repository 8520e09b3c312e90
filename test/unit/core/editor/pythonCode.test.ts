/**
 * The Python reader of "Move to .env" (src/core/editor/pythonCode.ts) against Python itself
 * (python3's `tokenize` and `ast`), on the standard library of the python3 on PATH:
 *
 * - real code: the reader finds exactly Python's STRING tokens, calls a literal an expression only
 *   where `ast` has a string constant of exactly that token outside an expression statement, an
 *   f-string and a `case` pattern, and replacing all of them at once still parses;
 * - mutations (seeded): a name or a string of real code turned into the secret literal wherever
 *   that still parses; the whole Move to .env path must then give a module that parses, imports
 *   `os` at module level before any module-level use, and has lost the literal, or offer nothing.
 *
 * python3 is required: without it these tests fail (they do not skip). Set VUED_FUZZ_SEED to
 * replay another seed.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { planMoveToEnv, scanPython, scanSourceForSecrets } from '../../../../src/core/editor';
import { applyEdits, pythonOracle, type PythonJob } from '../../../support/editorOracles';
import { seededRandom } from '../../../support/random';

const SECRET = 'vued_sk_Py7qLmNoPqRsTuVwXyZaBcDeFgHi';
const SEED = Number(process.env.VUED_FUZZ_SEED ?? 20_260_301);
const READ = 'os.environ["VUED_API_KEY"]';

/** Every `step`-th module of python3's standard library (site-packages left out) up to `budget` bytes, in a stable order. */
function stdlibFiles(step: number, budget: number): { file: string; text: string }[] {
  const root = execFileSync('python3', ['-c', 'import os; print(os.path.dirname(os.__file__))'], { encoding: 'utf8' }).trim();
  const all: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, e.name);
      if (e.isDirectory() && e.name !== 'site-packages' && e.name !== '__pycache__') walk(full);
      else if (e.isFile() && e.name.endsWith('.py')) all.push(full);
    }
  };
  walk(root);
  const out: { file: string; text: string }[] = [];
  let bytes = 0;
  for (let i = 0; i < all.length && bytes < budget; i += step) {
    const text = fs.readFileSync(all[i], 'utf8');
    // Lines end at \n for both readers here; a lone \r (or an encoding that is not UTF-8) is left out.
    if (text.length > 300_000 || /\r(?!\n)/.test(text) || text.includes('\uFFFD')) continue;
    out.push({ file: path.relative(root, all[i]), text });
    bytes += text.length;
  }
  return out;
}

const key = (a: number, b: number) => `${a}-${b}`;

describe('editor: the Python reader agrees with Python', function () {
  this.timeout(300_000);
  const files = stdlibFiles(9, 1_500_000);
  let oracle: ReturnType<typeof pythonOracle>;

  before(() => {
    oracle = pythonOracle(files.map(({ text }) => ({ source: text, literals: true })));
  });

  it('real code: the same strings as tokenize, an expression only where ast has one, and all replacements at once parse', () => {
    const problems: string[] = [];
    const lost: string[] = [];
    const replaced: PythonJob[] = [];
    let parsed = 0;
    let strings = 0;
    let expressions = 0;
    let offered = 0;
    for (const [i, { file, text }] of files.entries()) {
      const v = oracle[i];
      if (v.error !== null) continue;
      parsed++;
      const ours = scanPython(text);
      if (!ours) {
        lost.push(file);
        continue;
      }
      const theirs = v.tokens!.map(([a, b]) => key(a, b));
      const mine = ours.literals.map((l) => key(l.start, l.end));
      if (theirs.join(',') !== mine.join(',')) {
        const odd = mine.find((m) => !theirs.includes(m)) ?? theirs.find((t) => !mine.includes(t));
        problems.push(`${file}: tokenize and the reader disagree at ${odd}`);
        continue;
      }
      const exprs = new Set(v.expressions!.map(([a, b]) => key(a, b)));
      strings += mine.length;
      // Prefixed strings (r"…", u"…") are never offered (literalAround leaves them alone): count the others.
      expressions += ours.literals.filter((l) => l.prefix === '' && exprs.has(key(l.start, l.end))).length;
      const edits: { start: number; end: number; newText: string }[] = [];
      for (const l of ours.literals) {
        if (!l.expression) continue;
        offered++;
        if (!exprs.has(key(l.start, l.end))) {
          problems.push(`${file}: an expression where ast has none: ${JSON.stringify(text.slice(Math.max(0, l.start - 60), l.end + 20))}`);
        }
        edits.push({ start: l.start, end: l.end, newText: /\w/.test(text[l.start - 1] ?? '') ? ` ${READ}` : READ });
      }
      replaced.push({ source: applyEdits(text, edits) });
    }
    const after = pythonOracle(replaced);
    after.forEach((v, i) => v.error !== null && problems.push(`replacement ${i}: ${v.error}`));
    console.log(
      `      ${parsed} modules python3 parses (${files.length} read), ${strings} strings, ${expressions} without a prefix stand alone where an expression goes, ${offered} offered; ${lost.length} not followed`,
    );
    assert.deepEqual(problems.slice(0, 10), []);
    assert.deepEqual(lost, []);
    assert.ok(parsed > 100, `a real corpus: ${parsed} modules`);
    assert.ok(offered > expressions * 0.99, `the reader is conservative, not useless: ${offered} of ${expressions}`);
  });

  it(`mutations of real code (seed ${SEED}): a name or a string turned into the secret; Move to .env gives a valid module with os imported, or nothing`, () => {
    const rand = seededRandom(SEED);
    const candidates: { file: string; source: string; at: number }[] = [];
    const small = files.map((f, i) => ({ ...f, v: oracle[i] })).filter((f) => f.v.error === null && f.text.length <= 20_000);
    for (let n = 0; n < 120 && small.length; n++) {
      const { file, text, v } = small[Math.floor(rand() * small.length)];
      const spans = rand() < 0.5 ? v.names! : v.tokens!;
      if (!spans.length) continue;
      const [a, b] = spans[Math.floor(rand() * spans.length)];
      const quote = rand() < 0.5 ? '"' : "'";
      candidates.push({ file, source: `${text.slice(0, a)}${quote}${SECRET}${quote}${text.slice(b)}`, at: a });
    }
    const first = pythonOracle(candidates.map((c) => ({ source: c.source, literals: true })));
    const problems: string[] = [];
    const results: { label: string; source: string }[] = [];
    let mutants = 0;
    for (const [i, c] of candidates.entries()) {
      if (first[i].error !== null) continue;
      mutants++;
      const secret = scanSourceForSecrets(c.source).find((s) => s.literalRange?.start === c.at);
      const plan = secret && planMoveToEnv(c.source, secret, 'python');
      if (!plan) continue;
      const label = `${c.file} at ${c.at}`;
      const literal = plan.sourceEdits[plan.sourceEdits.length - 1];
      if (!first[i].expressions!.some(([a, b]) => a === literal.start && b === literal.end)) {
        problems.push(`${label}: offered where ast has no expression: ${JSON.stringify(c.source.slice(Math.max(0, c.at - 60), c.at + 60))}`);
      }
      results.push({ label, source: applyEdits(c.source, plan.sourceEdits) });
    }
    const checked = pythonOracle(results.map((r) => ({ source: r.source })));
    for (const [i, v] of checked.entries()) {
      if (v.error !== null) problems.push(`${results[i].label}: the result does not parse: ${v.error}`);
      else if (!v.osBoundBeforeUse) problems.push(`${results[i].label}: os is not imported at module level before its first use`);
      if (results[i].source.includes(SECRET)) problems.push(`${results[i].label}: the literal is still there`);
    }
    console.log(`      ${mutants} of ${candidates.length} mutants parse; Move to .env offered on ${results.length}`);
    assert.deepEqual(problems.slice(0, 10), []);
    assert.ok(mutants > 40 && results.length > 20, `the fuzz reached code: ${mutants} mutants, ${results.length} fixes`);
  });
});

/**
 * Translations: the committed bundles are what `npm run l10n` makes from the sources now, every
 * `vscode.l10n.t` call can be extracted (its message is a literal), and the core's messages
 * (src/core/common/messages.ts) reach the bundle with the same English text as the core renders.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';
import { english, formatMessage, MESSAGES, msg } from '../../src/core/common/messages';

const root = path.resolve(__dirname, '../../..');
const l10nDir = path.join(root, 'l10n');
const cli = path.join(root, 'node_modules/@vscode/l10n-dev/dist/cli.js');
const PSEUDO = 'qps-ploc';

function readJson(file: string): Record<string, string> {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
}

function l10nDev(...args: string[]): void {
  execFileSync(process.execPath, [cli, ...args], { cwd: root, stdio: 'pipe' });
}

function sourceFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...sourceFiles(full));
    else if (entry.isFile() && entry.name.endsWith('.ts')) found.push(full);
  }
  return found.sort();
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
}

function visit(node: ts.Node, fn: (n: ts.Node) => void): void {
  fn(node);
  node.forEachChild((child) => visit(child, fn));
}

/** `{0}`, `{1}`… of a message, sorted. */
function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();
}

/** `x.l10n.t` or `l10n.t`. */
function isL10nT(node: ts.Node): node is ts.PropertyAccessExpression {
  return ts.isPropertyAccessExpression(node) && node.name.text === 't' && /(^|\.)l10n$/.test(node.expression.getText());
}

describe('translations (l10n)', () => {
  let tmp: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vued-l10n-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('l10n/bundle.l10n.json is what `npm run l10n` makes from src now (the glue\'s literal calls and the core\'s message table)', function () {
    this.timeout(120_000);
    execFileSync(process.execPath, [path.join(root, 'scripts/l10n.mjs'), '--out', tmp], { cwd: root, stdio: 'pipe' });
    const fresh = fs.readFileSync(path.join(tmp, 'bundle.l10n.json'), 'utf8');
    const committed = fs.readFileSync(path.join(l10nDir, 'bundle.l10n.json'), 'utf8');
    assert.deepEqual(JSON.parse(committed), JSON.parse(fresh), 'l10n/bundle.l10n.json is out of date: run `npm run l10n` and commit the result');
    assert.equal(committed, fresh, 'l10n/bundle.l10n.json differs from the generated file in formatting: run `npm run l10n`');
  });

  it('the pseudo-locale bundles are what `npm run l10n` makes from the English ones', function () {
    this.timeout(120_000);
    fs.copyFileSync(path.join(l10nDir, 'bundle.l10n.json'), path.join(tmp, 'bundle.l10n.json'));
    fs.copyFileSync(path.join(root, 'package.nls.json'), path.join(tmp, 'package.nls.json'));
    l10nDev('generate-pseudo', path.join(tmp, 'bundle.l10n.json'), path.join(tmp, 'package.nls.json'));
    for (const [made, committed] of [
      [`bundle.l10n.${PSEUDO}.json`, path.join(l10nDir, `bundle.l10n.${PSEUDO}.json`)],
      [`package.nls.${PSEUDO}.json`, path.join(root, `package.nls.${PSEUDO}.json`)],
    ]) {
      assert.deepEqual(readJson(committed), readJson(path.join(tmp, made)), `${path.relative(root, committed)} is out of date: run \`npm run l10n\``);
    }
  });

  it('the pseudo-locale bundles translate every string and keep its placeholders', () => {
    for (const [english_, pseudo] of [
      [path.join(l10nDir, 'bundle.l10n.json'), path.join(l10nDir, `bundle.l10n.${PSEUDO}.json`)],
      [path.join(root, 'package.nls.json'), path.join(root, `package.nls.${PSEUDO}.json`)],
    ]) {
      const en = readJson(english_);
      const ps = readJson(pseudo);
      assert.deepEqual(Object.keys(ps).sort(), Object.keys(en).sort());
      for (const [key, text] of Object.entries(en)) {
        if (/[a-z]/i.test(text.replace(/\{\d+\}/g, ''))) assert.notEqual(ps[key], text, `${key} is not pseudo-localized`);
        assert.deepEqual(placeholders(ps[key]), placeholders(text), key);
      }
    }
  });

  it('every vscode.l10n.t call names its message with a string literal, so it can be extracted', () => {
    const problems: string[] = [];
    let calls = 0;
    for (const file of sourceFiles(path.join(root, 'src'))) {
      const sf = parse(file);
      visit(sf, (node) => {
        if (!isL10nT(node)) return;
        const where = `${path.relative(root, file)}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
        const call = node.parent;
        if (!ts.isCallExpression(call) || call.expression !== node) {
          problems.push(`${where}: l10n.t used other than as a call (an alias cannot be extracted)`);
          return;
        }
        calls++;
        const first = call.arguments[0];
        // localize() looks a core message up by its text in the message table, which `npm run l10n` adds to the bundle.
        const coreTable = path.relative(root, file) === path.join('src', 'platform', 'l10n.ts') && first?.getText() === 'MESSAGES[message.id]';
        if (!coreTable && (!first || !(ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first)))) {
          problems.push(`${where}: l10n.t(${first ? first.getText() : ''}…) is not a string literal`);
        }
      });
    }
    assert.deepEqual(problems, []);
    // The scan found the calls (a broken matcher would find none and pass).
    assert.ok(calls >= 200, `only ${calls} calls found`);
  });

  it('no sentence counts with "(s)": a plural is two literal sentences chosen by the count (l10n.t has no plural rule)', () => {
    const found: string[] = [];
    const plural = /\w\(s\)/;
    let literals = 0;
    for (const file of sourceFiles(path.join(root, 'src'))) {
      const sf = parse(file);
      visit(sf, (node) => {
        // Every string and template part the code writes: messages, log lines, labels (comments are not read).
        if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
          literals++;
          if (plural.test(node.text)) found.push(`${path.relative(root, file)}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${node.text}`);
        }
      });
    }
    for (const file of [path.join(l10nDir, 'bundle.l10n.json'), path.join(root, 'package.nls.json')]) {
      for (const [key, text] of Object.entries(readJson(file))) {
        if (plural.test(text)) found.push(`${path.relative(root, file)} ${key}: ${text}`);
      }
    }
    assert.deepEqual(found, []);
    assert.ok(literals >= 1000, `only ${literals} literals read`);
  });

  it('every core message is in the bundle, so it can be translated', () => {
    const bundle = readJson(path.join(l10nDir, 'bundle.l10n.json'));
    const missing = Object.entries(MESSAGES).filter(([, text]) => !(text in bundle));
    assert.deepEqual(missing, []);
  });

  it('english() fills placeholders as vscode.l10n.t does, nested messages included', () => {
    assert.equal(formatMessage('{1} and {0}, {2}', ['a', 'b']), 'b and a, {2}');
    assert.equal(english(msg('api.rateLimited', 429, msg('api.tryAgainIn', '2 min'))), 'Vued is limiting requests (429); try again in 2 min.');
    assert.equal(english(msg('keys.inactiveGroup', 3)), 'Revoked and expired (3)');
  });
});

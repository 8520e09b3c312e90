#!/usr/bin/env node
// `npm run l10n`: writes l10n/bundle.l10n.json and the pseudo-locale bundles.
//   1. `vscode-l10n-dev export` extracts every literal `vscode.l10n.t('…')` call of src/;
//   2. the core's sentences (the message table of src/core/common/messages.ts, the one place their
//      English text is written) are added, each keyed by its text as vscode.l10n.t looks it up;
//   3. `vscode-l10n-dev generate-pseudo` makes the qps-ploc copies the translation test runs with.
//   node scripts/l10n.mjs [--out DIR]   write the English bundle to DIR instead of l10n/ (and make no pseudo files)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'node_modules/@vscode/l10n-dev/dist/cli.js');
const outArg = process.argv.indexOf('--out');
const outDir = outArg > 0 ? path.resolve(process.argv[outArg + 1]) : path.join(root, 'l10n');

/** The texts of the MESSAGES table, read from the source (its values are string literals). */
export function coreMessages() {
  const file = path.join(root, 'src/core/common/messages.ts');
  const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const texts = [];
  const visit = (node) => {
    let table = ts.isVariableDeclaration(node) && node.name.getText() === 'MESSAGES' ? node.initializer : undefined;
    while (table && (ts.isAsExpression(table) || ts.isSatisfiesExpression(table) || ts.isParenthesizedExpression(table))) table = table.expression;
    if (table && ts.isObjectLiteralExpression(table)) {
      for (const p of table.properties) {
        if (!ts.isPropertyAssignment(p) || !ts.isStringLiteralLike(p.initializer)) throw new Error(`MESSAGES: ${p.getText().slice(0, 60)} is not "id": 'text'`);
        texts.push(p.initializer.text);
      }
    }
    node.forEachChild(visit);
  };
  visit(sf);
  if (texts.length === 0) throw new Error('no MESSAGES table in src/core/common/messages.ts');
  return texts;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  execFileSync(process.execPath, [cli, 'export', '--outDir', outDir, './src'], { cwd: root, stdio: 'inherit' });
  const bundleFile = path.join(outDir, 'bundle.l10n.json');
  const bundle = JSON.parse(fs.readFileSync(bundleFile, 'utf8'));
  for (const text of coreMessages()) bundle[text] ??= text;
  fs.writeFileSync(bundleFile, `${JSON.stringify(bundle, null, 2)}\n`);
  if (outArg < 0) {
    execFileSync(process.execPath, [cli, 'generate-pseudo', 'l10n/bundle.l10n.json', 'package.nls.json'], { cwd: root, stdio: 'inherit' });
  }
}

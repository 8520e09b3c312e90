/**
 * Hard-coded Vued secrets in source files: found by the secret shape only, with the "Move to .env"
 * replacement per language, and zero findings over every text file of this repository's
 * node_modules (real code written by others, hundreds of MB of it).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  envReadExpression,
  HARD_CODED_MESSAGE,
  maskRanges,
  findEnvKeyFindings,
  planMoveToEnv,
  scanSourceForSecrets,
} from '../../../../src/core/editor';
import { apiKey, knownKey } from '../../../support/builders';
import { applyEdits, assertNoLeak, positionOracle } from '../../../support/editorOracles';
import { repoRoot } from '../../../support/harness/paths';

const SECRET = 'vued_sk_Ac7vQwErTyUiOpAsDfGhJkLzXcVb';
const OTHER = 'vued_sk_ZzZzMnBvCxZlKjHgFdSaPoIuYtRe';
const NOW = Date.UTC(2026, 11, 1, 12);
const PROD = knownKey(apiKey('k-act', { name: 'prod', keyPrefix: 'vued_sk_Ac7v', scopes: [], createdAt: NOW - 1e9 }));

describe('editor: hard-coded secrets in source files', () => {
  it('finds the secret, with editor positions, and the literal that is exactly it', () => {
    const text = `// config\r\nconst a = "${SECRET}";\r\nconst b = \`${OTHER}\`;\nconst c = "Bearer ${SECRET}";\n`;
    const found = scanSourceForSecrets(text);
    assert.deepEqual(found.map((f) => text.slice(f.range.start, f.range.end)), [SECRET, OTHER, SECRET]);
    assert.deepEqual(found.map((f) => (f.literalRange ? text.slice(f.literalRange.start, f.literalRange.end) : undefined)), [`"${SECRET}"`, `\`${OTHER}\``, undefined]);
    for (const f of found) {
      assert.deepEqual(f.range.startPos, positionOracle(text, f.range.start));
      assert.deepEqual(f.range.endPos, positionOracle(text, f.range.end));
      assert.equal(f.message, HARD_CODED_MESSAGE);
    }
    assert.deepEqual(found[0].range.startPos, { line: 1, character: 11 });
    assertNoLeak(found.map((f) => f.message), [SECRET, OTHER]);
  });

  it('does not take a prefixed or nested literal for the secret (b"…", f"…", tag`…`, """…""", an escaped quote)', () => {
    for (const text of [`x = b"${SECRET}"`, `x = f'${SECRET}'`, `x = tag\`${SECRET}\``, `x = """${SECRET}"""`, `x = "a \\"${SECRET}\\" b"`]) {
      const found = scanSourceForSecrets(text);
      assert.equal(found.length, 1, text);
      assert.equal(found[0].literalRange, undefined, text);
      assert.equal(planMoveToEnv(text, found[0], 'python'), undefined, text);
    }
  });

  it('reads the secret from the environment: process.env in JavaScript/TypeScript, os.environ in Python, no fix elsewhere', () => {
    assert.equal(envReadExpression('typescript'), 'process.env.VUED_API_KEY');
    assert.equal(envReadExpression('javascriptreact', 'MY_KEY'), 'process.env.MY_KEY');
    assert.equal(envReadExpression('python'), 'os.environ["VUED_API_KEY"]');
    assert.equal(envReadExpression('go'), undefined);
    assert.equal(envReadExpression('typescript', 'not-an.identifier'), undefined);

    const ts = `const client = new Vued({ key: '${SECRET}' });\n`;
    const plan = planMoveToEnv(ts, scanSourceForSecrets(ts)[0], 'typescript');
    assert.ok(plan);
    assert.equal(plan.variable, 'VUED_API_KEY');
    assert.equal(applyEdits(ts, plan.sourceEdits), 'const client = new Vued({ key: process.env.VUED_API_KEY });\n');
    const go = `key := "${SECRET}"\n`;
    assert.equal(planMoveToEnv(go, scanSourceForSecrets(go)[0], 'go'), undefined);
  });

  it('adds `import os` to a Python file that lacks it, after the shebang, docstring and __future__ imports', () => {
    const py = `#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\n"""Client setup."""\nfrom __future__ import annotations\n\nimport sys\nKEY = "${SECRET}"\n`;
    const plan = planMoveToEnv(py, scanSourceForSecrets(py)[0], 'python');
    assert.ok(plan);
    assert.equal(
      applyEdits(py, plan.sourceEdits),
      '#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\n"""Client setup."""\nfrom __future__ import annotations\nimport os\n\nimport sys\nKEY = os.environ["VUED_API_KEY"]\n',
    );
    const withOs = `import sys, os\r\nKEY = '${SECRET}'\r\n`;
    const plan2 = planMoveToEnv(withOs, scanSourceForSecrets(withOs)[0], 'python', 'API_KEY');
    assert.ok(plan2);
    assert.equal(applyEdits(withOs, plan2.sourceEdits), 'import sys, os\r\nKEY = os.environ["API_KEY"]\r\n');
    // `import os.path` binds `os`; `from os import environ` and `import os as o` do not.
    for (const [head, added] of [['import os.path\n', ''], ['from os import environ\n', 'import os\n'], ['import os as o\n', 'import os\n']]) {
      const t = `${head}KEY = '${SECRET}'\n`;
      assert.equal(applyEdits(t, planMoveToEnv(t, scanSourceForSecrets(t)[0], 'python')!.sourceEdits), `${added}${head}KEY = os.environ["VUED_API_KEY"]\n`, head);
    }
  });
});

/** Every regular file under `dir`, following no symbolic links. */
function* walk(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      yield* walk(full);
    } else if (entry.isFile()) {
      yield full;
    }
  }
}

describe('editor: no false positives on real code', () => {
  it('finds no secret in any text file of node_modules, and does find one planted in them', function () {
    this.timeout(300_000);
    const root = fs.realpathSync(path.join(repoRoot(), 'node_modules'));
    let files = 0;
    let bytes = 0;
    let binary = 0;
    let planted = 0;
    const findings: string[] = [];
    for (const file of walk(root)) {
      const buf = fs.readFileSync(file);
      if (buf.includes(0)) {
        binary++;
        continue;
      }
      const text = buf.toString('utf8');
      files++;
      bytes += buf.length;
      for (const f of scanSourceForSecrets(text)) {
        findings.push(`${path.relative(root, file)}:${f.range.startPos.line + 1}`);
      }
      for (const m of maskRanges(text, false, [PROD], NOW)) {
        findings.push(`${path.relative(root, file)}:${m.range.startPos.line + 1} (mask)`);
      }
      // The same text with a secret planted in the middle: the scan must see exactly that one.
      if (files % 50 === 0) {
        const mid = text.length >> 1;
        const withSecret = `${text.slice(0, mid)}\n"${SECRET}"\n${text.slice(mid)}`;
        const hits = scanSourceForSecrets(withSecret);
        assert.equal(hits.length, 1, `planted secret in ${file}`);
        assert.equal(withSecret.slice(hits[0].range.start, hits[0].range.end), SECRET);
        planted++;
      }
    }
    console.log(`      scanned ${files} text files, ${(bytes / 1024 / 1024).toFixed(1)} MB (${binary} binary files skipped) under ${root}; ${planted} planted secrets found; ${findings.length} findings`);
    assert.ok(files > 1000, `a real corpus: ${files} text files`);
    assert.deepEqual(findings, []);
  });
});

describe('editor: known keys of any alphabet', () => {
  /** A key the extension knows whose secret holds - and _: the shape rule (16 letters or digits after vued_sk_) misses it. */
  const DASHED = knownKey(apiKey('k-dash', { name: 'dashed', keyPrefix: 'vued_sk_Dq3x', scopes: [], createdAt: NOW - 1e9 }));
  const DASHED_SECRET = 'vued_sk_Dq3x-9aB_cD-eF_gH-iJ_kL';

  it('masks it hard-coded in a source file, named after its key, and only its characters', () => {
    const src = `const key = "${DASHED_SECRET}";\nconst other = "${DASHED_SECRET}-x";\n`;
    const masks = maskRanges(src, false, [DASHED], NOW);
    assert.deepEqual(masks.map((m) => [src.slice(m.range.start, m.range.end), m.label]), [[DASHED_SECRET, '••••••• (dashed)'], [`${DASHED_SECRET}-x`, '••••••• (dashed)']]);
  });

  it('finds it in a .env value', () => {
    const env = `A=${DASHED_SECRET}\nB="x ${DASHED_SECRET}"\n`;
    assert.deepEqual(findEnvKeyFindings(env, [DASHED], NOW).map((f) => env.slice(f.range.start, f.range.end)), [DASHED_SECRET, DASHED_SECRET]);
  });
});

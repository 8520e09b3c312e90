/**
 * "Move to .env" only where the result is valid code, checked by the languages' own parsers:
 * TypeScript's (a devDependency) for JavaScript, TypeScript and their React dialects, python3's `ast`
 * for Python. A corpus of realistic snippets says, for every secret literal in it, whether the fix
 * is offered; where it is, the result must parse, the literal must be gone, and TypeScript's
 * syntax tree must agree that the literal stood where an expression (or a JSX attribute value)
 * goes. For Python the result must also bind `os` at module level before any module-level use
 * (else the module dies with NameError), and running the module must raise nothing.
 */
import assert from 'node:assert/strict';
import { planMoveToEnv, scanSourceForSecrets } from '../../../../src/core/editor';
import { applyEdits, pythonOracle, tsStringLiterals, tsSyntaxErrors, type PythonJob } from '../../../support/editorOracles';

const SECRET = 'vued_sk_Ac7vQwErTyUiOpAsDfGhJkLzXcVb';
/** Where the secret goes in a corpus snippet (the snippet writes the quotes around it). */
const S = '@S@';
const READ_JS = 'process.env.VUED_API_KEY';
const READ_PY = 'os.environ["VUED_API_KEY"]';

/** `fix`: Move to .env is offered and gives an expression; `jsx`: it gives `attr={…}`; `none`: no fix. */
type Expect = 'fix' | 'jsx' | 'none';

interface Case {
  name: string;
  lang: string;
  code: string;
  /** One per occurrence of the secret, in order. */
  expect: Expect[];
  /** The whole file after each offered fix, when the exact text matters. */
  results?: (string | undefined)[];
}

const JS_CASES: Case[] = [
  // --- JSX ---
  {
    name: 'a JSX attribute becomes an expression container',
    lang: 'typescriptreact',
    code: `import { Provider } from './vued';\n\nexport function App() {\n  return <Provider apiKey="${S}" />;\n}\n`,
    expect: ['jsx'],
    results: [`import { Provider } from './vued';\n\nexport function App() {\n  return <Provider apiKey={${READ_JS}} />;\n}\n`],
  },
  {
    name: 'JSX text with quotes and apostrophes before a single-quoted attribute',
    lang: 'typescriptreact',
    code: `const App = () => (\n  <main>\n    <p>Don't "quote" me</p>\n    <Provider apiKey='${S}'>it's {'text'}</Provider>\n  </main>\n);\n`,
    expect: ['jsx'],
  },
  {
    name: 'a quoted secret in JSX text is text, not a literal',
    lang: 'typescriptreact',
    code: `export const Help = () => <p>Paste "${S}" here</p>;\n`,
    expect: ['none'],
  },
  {
    name: 'an attribute expression container, a call inside one, and a spread',
    lang: 'javascriptreact',
    code: `const a = <A apiKey={'${S}'} className={cx('a', "${S}")} {...{ k: '${S}' }} />;\n`,
    expect: ['fix', 'fix', 'fix'],
  },
  {
    name: 'JSX in a .js file (TypeScript reads .js with JSX too), nested elements and fragments',
    lang: 'javascript',
    code: `export default function Page() {\n  return (\n    <>\n      <Header title="Keys" />\n      <Client secret="${S}"><Inner>{"${S}"}</Inner></Client>\n    </>\n  );\n}\n`,
    expect: ['jsx', 'fix'],
  },
  {
    name: 'a generic arrow function in TSX, then a type argument on an element',
    lang: 'typescriptreact',
    code: `const id = <T,>(x: T): T => x;\nconst k = id('${S}');\nconst el = <Select<string> value="${S}" />;\n`,
    expect: ['fix', 'jsx'],
  },
  // --- templates, regular expressions, comments ---
  {
    name: 'nested templates and a substitution-free template',
    lang: 'typescript',
    code: 'const a = `outer ${`inner ${\'' + S + '\'} ${x}`} end`;\nconst b = `' + S + '`;\n',
    expect: ['fix', 'fix'],
  },
  {
    name: 'a tagged template, with and without a space after the tag',
    lang: 'typescript',
    code: 'const q = gql`' + S + '`;\nconst r = tag `' + S + '`;\n',
    expect: ['none', 'none'],
  },
  {
    name: 'regular expressions with quotes in them, and division',
    lang: 'javascript',
    code: `const re = /"'/g;\nconst half = total / 2 / count;\nif (ok) /"/.test(s);\nconst k = '${S}';\nconst inRegex = /"${S}"/;\n`,
    expect: ['fix', 'none'],
  },
  {
    name: 'comments with quotes in them, and a secret in a comment',
    lang: 'typescript',
    code: `// don't "quote" me\n/* it's */ const k = '${S}';\n/* "${S}" */\n// '${S}'\n`,
    expect: ['fix', 'none', 'none'],
  },
  // --- keys and members ---
  {
    name: 'object keys and values',
    lang: 'typescript',
    code: `const o = { '${S}': true, "${S}"() {}, get '${S}'() { return 1; }, key: '${S}', [\`${S}\`]: 1 };\n`,
    expect: ['none', 'none', 'none', 'fix', 'fix'],
  },
  {
    name: 'an object literal returned by an arrow function, and destructuring defaults',
    lang: 'javascript',
    code: `const f = () => ({ '${S}': 1, k: '${S}' });\nconst { token = '${S}' } = options;\n`,
    expect: ['none', 'fix', 'fix'],
  },
  {
    name: 'class members: keys, initialisers, typed fields, methods',
    lang: 'typescript',
    code: `class Client {\n  '${S}' = 1;\n  '${S}'() {}\n  static key = '${S}';\n  token: string = "${S}";\n  mode: '${S}' | 'b' = 'b';\n  [k: string]: '${S}' | number | (() => void);\n  send() { return '${S}'; }\n}\n`,
    expect: ['none', 'none', 'fix', 'fix', 'none', 'none', 'fix'],
  },
  {
    name: 'an object method and getter with return types',
    lang: 'typescript',
    code: `const api = {\n  get key(): '${S}' { return '${S}'; },\n  make(a: '${S}' = '${S}'): string { return a; },\n  f: (a: string): '${S}' => a as '${S}',\n};\n`,
    expect: ['none', 'fix', 'none', 'fix', 'none', 'none'],
  },
  // --- TypeScript types and declarations ---
  {
    name: 'enum members and their initialisers',
    lang: 'typescript',
    code: `enum Keys { A = '${S}', '${S}' = 2 }\nconst enum K2 { B = \`${S}\` }\nconst after = '${S}';\n`,
    expect: ['none', 'none', 'none', 'fix'],
  },
  {
    name: 'type aliases, annotations, conditional and template types',
    lang: 'typescript',
    code: `type T = '${S}';\ntype C<X> = X extends string ? '${S}' : \`a\${'${S}'}\`;\nlet x: '${S}' = '${S}';\nfunction f(a: '${S}' = '${S}', b?: '${S}'): '${S}' { return '${S}'; }\nconst g = (a): '${S}' => a;\n`,
    expect: ['none', 'none', 'none', 'none', 'fix', 'none', 'fix', 'none', 'none', 'fix', 'none'],
  },
  {
    name: 'type arguments, as, satisfies, interfaces and type literals',
    lang: 'typescript',
    code: `const m = new Map<string, '${S}'>();\nconst v = f<'${S}'>('${S}');\nconst w = y as '${S}';\nconst o = { k: '${S}' } satisfies Record<string, '${S}'>;\ninterface I { k: '${S}'; m(): '${S}' }\nlet t: { k: '${S}' } = { k: '${S}' };\n`,
    expect: ['none', 'none', 'fix', 'none', 'fix', 'none', 'none', 'none', 'none', 'fix'],
  },
  {
    name: 'declare module, declare const and a namespace',
    lang: 'typescript',
    code: `declare module '${S}' {\n  export const k: string;\n}\ndeclare const d: '${S}';\nnamespace N {\n  export const k = '${S}';\n}\n`,
    expect: ['none', 'none', 'fix'],
  },
  // --- modules ---
  {
    name: 'import and export specifiers, module names, attributes, require and import()',
    lang: 'typescript',
    code: `import x from '${S}';\nimport '${S}';\nimport data from './d.json' with { type: '${S}' };\nexport * from '${S}';\nexport { a as '${S}' } from './m';\nconst m = require('${S}');\nconst lazy = import('${S}');\nexport const key = '${S}';\n`,
    expect: ['none', 'none', 'none', 'none', 'none', 'none', 'none', 'fix'],
  },
  {
    name: 'export default of a literal',
    lang: 'javascript',
    code: `export default '${S}';\n`,
    expect: ['fix'],
  },
  // --- statements and expressions ---
  {
    name: 'a directive and expression statements are no expressions to replace',
    lang: 'javascript',
    code: `'${S}';\nfunction f() {\n  "${S}";\n  return 1;\n}\n`,
    expect: ['none', 'none'],
  },
  {
    name: 'decorator arguments',
    lang: 'typescript',
    code: `@Component({ selector: '${S}' })\nclass C {\n  @Input('${S}') name = '';\n}\n`,
    expect: ['fix', 'fix'],
  },
  {
    name: 'ordinary expressions: return, calls, arrays, ternaries, case, operators',
    lang: 'typescript',
    code: `function pick(x: string) {\n  switch (x) {\n    case '${S}': return ['${S}', x ? '${S}' : "${S}"];\n    default: return typeof x === 'string' ? x + '${S}' : null;\n  }\n}\nconst n = call(a, '${S}', { nested: ['${S}'] });\n`,
    expect: ['fix', 'fix', 'fix', 'fix', 'fix', 'fix', 'fix'],
  },
  {
    name: 'a keyword right after the literal gets a space; a literal glued to a word before it is left alone (as tag`…`)',
    lang: 'javascript',
    code: `function f(o) {\n  if ('${S}'in o) return'${S}';\n  return typeof'${S}';\n}\n`,
    expect: ['fix', 'none', 'none'],
    results: [`function f(o) {\n  if (${READ_JS} in o) return'${SECRET}';\n  return typeof'${SECRET}';\n}\n`],
  },
  {
    name: 'a label, a block after it, and a CRLF file with a BOM',
    lang: 'typescript',
    code: `\uFEFFouter: {\r\n  const k = '${S}';\r\n  break outer;\r\n}\r\n`,
    expect: ['fix'],
  },
];

const PY_CASES: Case[] = [
  {
    name: 'import os inside a function does not bind it at module level',
    lang: 'python',
    code: `def helper():\n    import os\n    return os.getcwd()\n\nKEY = "${S}"\n`,
    expect: ['fix'],
    results: [`import os\ndef helper():\n    import os\n    return os.getcwd()\n\nKEY = ${READ_PY}\n`],
  },
  {
    name: 'import os inside a class body',
    lang: 'python',
    code: `class Config:\n    import os\n    home = os.getcwd()\n\nKEY = '${S}'\n`,
    expect: ['fix'],
  },
  {
    name: 'import os inside the module docstring, and inside a string',
    lang: 'python',
    code: `"""Usage:\n\nimport os\n"""\nEXAMPLE = '''\nimport os\n'''\nKEY = "${S}"\n`,
    expect: ['fix'],
    results: [`"""Usage:\n\nimport os\n"""\nimport os\nEXAMPLE = '''\nimport os\n'''\nKEY = ${READ_PY}\n`],
  },
  {
    name: 'conditional imports: if, try',
    lang: 'python',
    code: `import sys\nif sys.platform:\n    import os\ntry:\n    import os.path\nexcept ImportError:\n    pass\nKEY = "${S}"\n`,
    expect: ['fix'],
  },
  {
    name: 'import os after the module-level use',
    lang: 'python',
    code: `KEY = "${S}"\nimport os\n`,
    expect: ['fix'],
  },
  {
    name: 'module-level imports that bind os: import sys, os; import os.path; import os as os; after a semicolon',
    lang: 'python',
    code: `import sys, os\nimport os.path\nimport os as os\nimport json; import os\nKEY = "${S}"\n`,
    expect: ['fix'],
    results: [`import sys, os\nimport os.path\nimport os as os\nimport json; import os\nKEY = ${READ_PY}\n`],
  },
  {
    name: 'imports that do not bind os: import os as o, from os import environ',
    lang: 'python',
    code: `import os as o\nfrom os import environ\nKEY = "${S}"\n`,
    expect: ['fix'],
    results: [`import os\nimport os as o\nfrom os import environ\nKEY = ${READ_PY}\n`],
  },
  {
    name: 'import json as os binds os to another module: no import at the top can help',
    lang: 'python',
    code: `import json as os\nKEY = "${S}"\n`,
    expect: ['none'],
  },
  {
    name: 'from … import … as os, inside a function, rebinds os there',
    lang: 'python',
    code: `import os\n\ndef load():\n    from helpers import tools as os\n    return os.run("${S}")\n`,
    expect: ['none'],
  },
  {
    name: 'shebang, coding line, docstring and a parenthesised __future__ import over two lines',
    lang: 'python',
    code: `#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\n"""Client setup."""\nfrom __future__ import (annotations,\n    division)\n\nKEY = "${S}"\n`,
    expect: ['fix'],
    results: [`#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\n"""Client setup."""\nfrom __future__ import (annotations,\n    division)\nimport os\n\nKEY = ${READ_PY}\n`],
  },
  {
    name: 'a CRLF file with a BOM, a raw docstring and a __future__ import continued by a backslash',
    lang: 'python',
    code: `\uFEFF# config\r\nr"""Doc \\ string."""\r\nfrom __future__ import \\\r\n    annotations\r\nKEY = '${S}'\r\n`,
    expect: ['fix'],
    results: [`\uFEFF# config\r\nr"""Doc \\ string."""\r\nfrom __future__ import \\\r\n    annotations\r\nimport os\r\nKEY = ${READ_PY}\r\n`],
  },
  {
    name: 'implicit concatenation, on one line and over lines',
    lang: 'python',
    code: `A = ("prefix"\n     "${S}")\nB = "${S}" 'suffix'\nC = f"{x}" "${S}"\n`,
    expect: ['none', 'none', 'none'],
  },
  {
    name: 'docstrings and expression statements are no expressions to replace',
    lang: 'python',
    code: `"${S}"\n\ndef f():\n    '${S}'\n    return 1\n\nclass A:\n    "${S}"; x = 1\n`,
    expect: ['none', 'none', 'none'],
  },
  {
    name: 'match/case patterns need a literal; the subject and the body do not',
    lang: 'python',
    code: `def route(x):\n    match x:\n        case "${S}":\n            return "${S}"\n        case {"k": "${S}"}:\n            return None\n`,
    expect: ['none', 'fix', 'none'],
  },
  {
    name: 'ordinary expressions: call keywords, defaults, decorators, dicts, lambdas, comparisons',
    lang: 'python',
    code: `import functools\n\n@functools.lru_cache(maxsize="${S}" and 1)\ndef make(key="${S}"):\n    client = Client(api_key='${S}', opts={"key": "${S}"})\n    check = lambda k: k == '${S}'\n    if key == "${S}" or key in ['${S}']:\n        return client\n`,
    expect: ['fix', 'fix', 'fix', 'fix', 'fix', 'fix', 'fix'],
  },
  {
    name: 'a keyword right after the literal; a literal glued to a word before it is left alone (as b"…")',
    lang: 'python',
    code: `def f(k):\n    return "${S}"if k else"${S}"\n`,
    expect: ['fix', 'none'],
    results: [`import os\ndef f(k):\n    return ${READ_PY}if k else"${SECRET}"\n`],
  },
  {
    name: 'the secret on the docstring\'s line after a semicolon: import os cannot go before it',
    lang: 'python',
    code: `"""Doc."""; KEY = "${S}"\n`,
    expect: ['none'],
  },
  {
    name: 'bytes, f-strings and strings inside f-strings are not offered',
    lang: 'python',
    code: `A = b"${S}"\nB = f"${S}"\nC = f"{d['${S}']}"\n`,
    expect: ['none', 'none', 'none'],
  },
  {
    name: 'after f-strings whose backslashes stand before braces and named characters',
    lang: 'python',
    code: `x = 1\nA = rf'(\\{{)' + f'\\{{x}}' + f'\\N{EM DASH}{x}'\nKEY = "${S}"\n`,
    expect: ['fix'],
  },
];

function fill(c: Case): string {
  return c.code.split(S).join(SECRET);
}

interface Outcome {
  expect: Expect;
  got: Expect;
  result?: string;
  literalStart?: number;
}

/** For each secret of the case, in order: what planMoveToEnv offers and the file it gives. */
function outcomes(c: Case): Outcome[] {
  const text = fill(c);
  const found = scanSourceForSecrets(text);
  assert.equal(found.length, c.expect.length, `${c.name}: ${found.length} secrets found, ${c.expect.length} expected`);
  return found.map((secret, i) => {
    const plan = planMoveToEnv(text, secret, c.lang);
    if (!plan) {
      return { expect: c.expect[i], got: 'none' };
    }
    const result = applyEdits(text, plan.sourceEdits);
    const read = c.lang === 'python' ? READ_PY : READ_JS;
    const got: Expect = plan.sourceEdits.some((e) => e.newText === `{${read}}`) ? 'jsx' : 'fix';
    return { expect: c.expect[i], got, result, literalStart: secret.literalRange?.start };
  });
}

function occurrences(text: string, piece: string): number {
  return text.split(piece).length - 1;
}

describe('editor: Move to .env gives valid JavaScript and TypeScript, where an expression may stand', () => {
  for (const c of JS_CASES) {
    it(`${c.lang}: ${c.name}`, () => {
      const text = fill(c);
      assert.deepEqual(tsSyntaxErrors(text, c.lang), [], 'the snippet itself parses');
      const tree = tsStringLiterals(text, c.lang);
      const results = outcomes(c);
      for (const [i, o] of results.entries()) {
        const where = `${c.name}, secret #${i + 1}`;
        assert.equal(o.got, o.expect, `${where}: offered ${o.got}, expected ${o.expect}${o.result ? `\n${o.result}` : ''}`);
        if (o.result === undefined) {
          continue;
        }
        assert.deepEqual(tsSyntaxErrors(o.result, c.lang), [], `${where}: the result parses\n${o.result}`);
        assert.equal(occurrences(o.result, SECRET), occurrences(text, SECRET) - 1, `${where}: the literal is gone`);
        const node = tree.find((l) => l.start === o.literalStart);
        assert.ok(node, `${where}: TypeScript sees a string literal there`);
        assert.equal(node.verdict, o.got === 'jsx' ? 'jsxAttribute' : 'expression', `${where}: TypeScript puts the literal in ${node.parent}`);
        if (c.results?.[i] !== undefined) {
          assert.equal(o.result, c.results[i], where);
        }
      }
      // Every offered fix at once (as if applied one after the other) still parses.
      const all = scanSourceForSecrets(text).flatMap((s) => planMoveToEnv(text, s, c.lang)?.sourceEdits ?? []);
      assert.deepEqual(tsSyntaxErrors(applyEdits(text, all), c.lang), [], 'all fixes together parse');
    });
  }
});

describe('editor: Move to .env gives valid Python, with os imported at module level', () => {
  let verdicts: Map<string, ReturnType<typeof pythonOracle>[number]>;
  const environ = { VUED_API_KEY: SECRET };

  before(function () {
    this.timeout(60_000);
    // One python3 for the whole corpus: every snippet, and every result of an offered fix.
    const jobs: PythonJob[] = [];
    for (const c of PY_CASES) {
      jobs.push({ source: fill(c) });
      for (const o of outcomes(c)) {
        if (o.result !== undefined) {
          jobs.push({ source: o.result, run: true, environ });
        }
      }
    }
    const answers = pythonOracle(jobs);
    verdicts = new Map(jobs.map((j, i) => [j.source, answers[i]]));
  });

  for (const c of PY_CASES) {
    it(`python: ${c.name}`, () => {
      const text = fill(c);
      assert.equal(verdicts.get(text)?.error, null, 'the snippet itself parses');
      for (const [i, o] of outcomes(c).entries()) {
        const where = `${c.name}, secret #${i + 1}`;
        assert.equal(o.got, o.expect, `${where}: offered ${o.got}, expected ${o.expect}${o.result ? `\n${o.result}` : ''}`);
        if (o.result === undefined) {
          continue;
        }
        const v = verdicts.get(o.result);
        assert.ok(v, where);
        assert.equal(v.error, null, `${where}: the result parses\n${o.result}`);
        assert.equal(v.osBoundBeforeUse, true, `${where}: os is imported at module level before its first module-level use\n${o.result}`);
        if (v.raised !== undefined) {
          assert.equal(v.raised, null, `${where}: the module runs\n${o.result}`);
        }
        assert.equal(occurrences(o.result, SECRET), occurrences(text, SECRET) - 1, `${where}: the literal is gone`);
        if (c.results?.[i] !== undefined) {
          assert.equal(o.result, c.results[i], where);
        }
      }
    });
  }
});

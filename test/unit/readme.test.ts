/**
 * README.md is the product page: its commands and settings tables list exactly what package.json
 * contributes (titles and defaults included), its links resolve, it stays short, and it still
 * gives a newcomer the two set-up commands, the second of which is what .ci/run runs.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from '../support/harness/paths';

const root = repoRoot();
const read = (rel: string) => fs.readFileSync(path.join(root, rel), 'utf8');

interface Manifest {
  scripts: Record<string, string>;
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    menus: Record<string, { command?: string; when?: string; group?: string }[]>;
    configuration: { properties: Record<string, { default?: unknown }> };
  };
}

/** The text of the section under `## <title>`, up to the next `## `. */
function section(markdown: string, title: string): string {
  const m = new RegExp(`^## ${title}\\n([^]*?)(?=^## |(?![^]))`, 'm').exec(markdown);
  assert.ok(m, `README.md has a "## ${title}" section`);
  return m[1];
}

/** The body rows of the first Markdown table in `text`, as arrays of trimmed cells. */
function tableRows(text: string): string[][] {
  const lines = text.split('\n').filter((l) => l.startsWith('|'));
  assert.ok(lines.length >= 2 && /^\|[-|: ]+\|$/.test(lines[1]), 'a table with a header row');
  return lines.slice(2).map((l) =>
    l
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((c) => c.trim()),
  );
}

/** `code` of a cell that is exactly one code span. */
function codeSpan(cell: string): string {
  const m = /^`([^`]+)`$/.exec(cell);
  assert.ok(m, `a cell holding one code span: ${cell}`);
  return m[1];
}

/** The shell commands of the ```sh blocks (one per line, comments dropped). */
function shellCommands(markdown: string): string[] {
  return [...markdown.matchAll(/^```sh\n([^]*?)^```/gm)].flatMap((m) =>
    m[1]
      .split('\n')
      .map((l) => l.replace(/\s+#.*$/, '').trim())
      .filter(Boolean),
  );
}

describe('README.md, the product page', () => {
  const readme = read('README.md');
  const pkg = JSON.parse(read('package.json')) as Manifest;
  const nls = JSON.parse(read('package.nls.json')) as Record<string, string>;
  const title = (t: string) => (/^%(.+)%$/.test(t) ? nls[t.slice(1, -1)] : t);

  it('the Commands table lists every contributed command once, by its palette title, and nothing else', () => {
    const rows = tableRows(section(readme, 'Commands'));
    const listed = rows.map((r) => codeSpan(r[1]));
    assert.deepStrictEqual([...listed].sort(), [...new Set(listed)].sort(), 'no command is listed twice');
    assert.deepStrictEqual([...listed].sort(), pkg.contributes.commands.map((c) => c.command).sort());
    for (const c of pkg.contributes.commands) {
      const row = rows.find((r) => codeSpan(r[1]) === c.command);
      assert.strictEqual(row?.[0], `${c.category ? `${c.category}: ` : ''}${title(c.title)}`, `the title of ${c.command}`);
      assert.ok(row[2].length > 0, `${c.command} says where it is`);
    }
  });

  it('the Settings table lists every contributed setting once, with its default as package.json has it, and nothing else', () => {
    const rows = tableRows(section(readme, 'Settings'));
    const props = pkg.contributes.configuration.properties;
    const listed = rows.map((r) => codeSpan(r[0]));
    assert.deepStrictEqual([...listed].sort(), [...new Set(listed)].sort(), 'no setting is listed twice');
    assert.deepStrictEqual([...listed].sort(), Object.keys(props).sort());
    for (const r of rows) {
      assert.deepStrictEqual(JSON.parse(codeSpan(r[1])), props[codeSpan(r[0])].default, `the default of ${r[0]}`);
      assert.ok(r[2].length > 0, `${r[0]} has a meaning`);
    }
  });

  it("each command's Where says the places package.json puts it: the palette, the view's title bar or its menu, rows", () => {
    const rows = tableRows(section(readme, 'Commands'));
    const menus = pkg.contributes.menus;
    for (const c of pkg.contributes.commands) {
      const where = rows.find((r) => codeSpan(r[1]) === c.command)?.[2] ?? '';
      const entries = (menu: string) => (menus[menu] ?? []).filter((e) => e.command === c.command);
      const inPalette = !entries('commandPalette').some((e) => e.when === 'false');
      assert.strictEqual(/\bpalette\b/.test(where), inPalette, `${c.command}: "${where}" ${inPalette ? 'names' : 'does not name'} the palette`);
      const title = entries('view/title');
      const inTitleBar = title.some((e) => e.group?.startsWith('navigation'));
      const inViewMenu = title.some((e) => !e.group?.startsWith('navigation'));
      assert.strictEqual(/\bview title\b/.test(where), inTitleBar, `${c.command}: "${where}" and the view's title bar`);
      assert.strictEqual(/\bview menu\b/.test(where), inViewMenu, `${c.command}: "${where}" and the view's ... menu`);
      const onRows = entries('view/item/context').length > 0;
      assert.strictEqual(/\brows?\b/.test(where), onRows, `${c.command}: "${where}" and the tree's rows`);
      const inline = entries('view/item/context').some((e) => e.group?.startsWith('inline'));
      assert.strictEqual(/\binline\b/.test(where), inline, `${c.command}: "${where}" and the rows' inline buttons`);
    }
  });

  it('keeps the "Keys without a file" section: what is stored where, each surface, the caveats, its settings', () => {
    const keys = section(readme, 'Keys without a file');
    for (const part of ['**Stored**', '**Debug sessions**', '**New Terminal with Vued Keys**', '**The sidebar**', '**Caveats**', 'trace logging', '`vued.inject.debug`', '`vued.inject.terminals`', '(SECURITY.md#keys-without-a-file-terminals-and-debugging)']) {
      assert.ok(keys.includes(part), `the section says ${part}`);
    }
    assert.match(read('SECURITY.md'), /^## Keys without a file: terminals and debugging$/m, 'the anchor it links is a heading of SECURITY.md');
  });

  it('gives the two set-up commands, and .ci/run runs the README\'s test command last', () => {
    const commands = shellCommands(readme);
    assert.ok(commands.includes('npm install && npm start'), `README.md shows \`npm install && npm start\`: ${JSON.stringify(commands)}`);
    assert.ok(commands.includes('npm test'), `README.md shows \`npm test\`: ${JSON.stringify(commands)}`);
    assert.ok(pkg.scripts.start && pkg.scripts.test, 'package.json has the start and test scripts');
    const ci = read('.ci/run')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    assert.strictEqual(ci[ci.length - 1], 'npm test', '.ci/run ends with the README\'s test command');
  });

  it('every relative link and image resolves to a file of the repository', () => {
    const targets = [...readme.matchAll(/!?\[[^\]]*\]\(([^)\s]+)[^)]*\)/g)].map((m) => m[1]).filter((t) => !/^[a-z]+:|^#/i.test(t));
    assert.ok(targets.length > 0);
    const missing = targets.filter((t) => !fs.existsSync(path.join(root, t.split('#')[0])));
    assert.deepStrictEqual(missing, []);
  });

  it('every relative link of SECURITY.md, CONTRIBUTING.md, CHANGELOG.md and docs/ resolves to a file of the repository', () => {
    const docs = ['SECURITY.md', 'CONTRIBUTING.md', 'CHANGELOG.md', ...fs.readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
    const missing = docs.flatMap((doc) =>
      [...read(doc).matchAll(/!?\[[^\]]*\]\(([^)\s]+)[^)]*\)/g)]
        .map((m) => m[1])
        .filter((t) => !/^[a-z]+:|^#/i.test(t))
        .filter((t) => !fs.existsSync(path.join(root, path.dirname(doc), t.split('#')[0])))
        .map((t) => `${doc}: ${t}`),
    );
    assert.deepStrictEqual(missing, []);
  });

  it('links the security model, the contributor guide and the performance budgets', () => {
    assert.match(section(readme, 'Security'), /\(SECURITY\.md\)/);
    assert.match(readme, /\(CONTRIBUTING\.md\)/);
    assert.match(readme, /\(docs\/performance\.md\)/);
  });

  it('stays a page: at most 150 lines', () => {
    const lines = readme.split('\n').length - (readme.endsWith('\n') ? 1 : 0);
    assert.ok(lines <= 150, `README.md has ${lines} lines; details go to SECURITY.md, CONTRIBUTING.md or docs/`);
  });
});

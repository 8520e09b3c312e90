/**
 * Evaluates the `when` clauses of package.json menus against context key values, for the subset
 * the manifest uses: `true`, `false`, `key`, `!key`, `key == value`, `key != value`, `key =~ /re/`,
 * `key > n` (and `>=`, `<`, `<=`: numbers; an unset key compares false), `&&`, `||` and parentheses. An unknown key is undefined (falsy), as in VS Code. Anything else
 * throws, so a clause this cannot read fails the test instead of passing it.
 */
export type ContextValues = Record<string, unknown>;

type Token = { t: 'and' | 'or' | 'not' | 'lp' | 'rp' } | { t: 'op'; op: '==' | '!=' | '=~' | '>' | '>=' | '<' | '<=' } | { t: 'word'; v: string } | { t: 're'; re: RegExp };

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
    } else if (text.startsWith('&&', i)) {
      out.push({ t: 'and' });
      i += 2;
    } else if (text.startsWith('||', i)) {
      out.push({ t: 'or' });
      i += 2;
    } else if (text.startsWith('==', i) || text.startsWith('!=', i) || text.startsWith('=~', i)) {
      out.push({ t: 'op', op: text.slice(i, i + 2) as '==' | '!=' | '=~' });
      i += 2;
    } else if (c === '>' || c === '<') {
      const op = text[i + 1] === '=' ? (`${c}=` as const) : c;
      out.push({ t: 'op', op });
      i += op.length;
    } else if (c === '!') {
      out.push({ t: 'not' });
      i++;
    } else if (c === '(' || c === ')') {
      out.push({ t: c === '(' ? 'lp' : 'rp' });
      i++;
    } else if (c === '/') {
      const end = text.indexOf('/', i + 1);
      if (end < 0) throw new Error(`unterminated regex in ${JSON.stringify(text)}`);
      out.push({ t: 're', re: new RegExp(text.slice(i + 1, end)) });
      i = end + 1;
    } else {
      const m = /^[A-Za-z0-9_.:'-]+/.exec(text.slice(i));
      if (!m) throw new Error(`cannot read ${JSON.stringify(text.slice(i))} in ${JSON.stringify(text)}`);
      out.push({ t: 'word', v: m[0].replace(/^'(.*)'$/, '$1') });
      i += m[0].length;
    }
  }
  return out;
}

export function evaluateWhen(text: string, ctx: ContextValues): boolean {
  const tokens = tokenize(text);
  let p = 0;
  const peek = () => tokens[p];
  const value = (word: string): unknown => (word === 'true' ? true : word === 'false' ? false : ctx[word]);
  const primary = (): boolean => {
    const tok = tokens[p++];
    if (!tok) throw new Error(`unexpected end of ${JSON.stringify(text)}`);
    if (tok.t === 'not') return !primary();
    if (tok.t === 'lp') {
      const v = or();
      if (tokens[p++]?.t !== 'rp') throw new Error(`missing ) in ${JSON.stringify(text)}`);
      return v;
    }
    if (tok.t !== 'word') throw new Error(`unexpected token in ${JSON.stringify(text)}`);
    const next = peek();
    if (next?.t === 'op') {
      p++;
      const rhs = tokens[p++];
      const left = value(tok.v);
      if (next.op === '=~') {
        if (rhs?.t !== 're') throw new Error(`=~ needs a regex in ${JSON.stringify(text)}`);
        return typeof left === 'string' && rhs.re.test(left);
      }
      if (rhs?.t !== 'word') throw new Error(`${next.op} needs a value in ${JSON.stringify(text)}`);
      if (next.op !== '==' && next.op !== '!=') {
        const n = Number(rhs.v);
        if (Number.isNaN(n)) throw new Error(`${next.op} needs a number in ${JSON.stringify(text)}`);
        if (typeof left !== 'number') return false;
        return next.op === '>' ? left > n : next.op === '>=' ? left >= n : next.op === '<' ? left < n : left <= n;
      }
      const equal = String(left) === rhs.v;
      return next.op === '==' ? equal : !equal;
    }
    return Boolean(value(tok.v));
  };
  const and = (): boolean => {
    let v = primary();
    while (peek()?.t === 'and') {
      p++;
      const r = primary();
      v = v && r;
    }
    return v;
  };
  const or = (): boolean => {
    let v = and();
    while (peek()?.t === 'or') {
      p++;
      const r = and();
      v = v || r;
    }
    return v;
  };
  const result = or();
  if (p !== tokens.length) throw new Error(`trailing tokens in ${JSON.stringify(text)}`);
  return result;
}

interface Manifest {
  contributes: { commands: Array<{ command: string }>; menus: { commandPalette?: Array<{ command: string; when?: string }> } };
}

/** The command ids the palette offers for these context values (a command without an entry always shows). */
export function paletteCommands(manifest: Manifest, ctx: ContextValues): string[] {
  const entries = manifest.contributes.menus.commandPalette ?? [];
  return manifest.contributes.commands
    .map((c) => c.command)
    .filter((id) => {
      const entry = entries.find((e) => e.command === id);
      return entry?.when === undefined || evaluateWhen(entry.when, ctx);
    });
}

interface MenuManifest {
  contributes: { menus: Record<string, Array<{ command: string; when?: string; group?: string }> | undefined> };
}

/** The entries of a menu (`view/item/context`, `view/title`…) whose `when` holds for these context values, in manifest order. */
export function menuEntries(manifest: MenuManifest, menu: string, ctx: ContextValues): Array<{ command: string; group?: string }> {
  return (manifest.contributes.menus[menu] ?? [])
    .filter((e) => e.when === undefined || evaluateWhen(e.when, ctx))
    .map((e) => ({ command: e.command, group: e.group }));
}

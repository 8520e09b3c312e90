/**
 * Rotation replaces exactly the old secret's characters, wherever it stands: a property test over
 * generated `.env` texts, with dotenv as the oracle.
 *
 * Runs: VUED_PROPERTY_RUNS (default 2,000). Prints `rotation property: N cases` when done.
 *
 * Each text holds the old secret in values built from lists, prefixes and suffixes (`Bearer `,
 * `:org_42`, `@host`…), in all three kinds of quote and unquoted, on any line of a multi-line value
 * (and after a `\n` escape in double quotes), with spaces inside the quotes, in several definitions
 * of one name, in trailing comments and commented-out lines; LF or CRLF, with or without a byte
 * order mark and a final line break. The old secret is a realistic `vued_sk_` + 40 base62 characters,
 * or one whose alphabet holds `-` and `_`. Beside it stand decoys the rotation must leave alone: a
 * Vued secret of another key, the old key's prefix with too few characters after it.
 *
 * The secret is always a token of its own there (what stands next to it is not a letter, digit,
 * `_` or `-`), as the recogniser defines a secret; a value that holds the secret inside a longer
 * token is another case (rotation.test.ts).
 *
 * The oracle: for every variable v, dotenv.parse(after)[v] === dotenv.parse(before)[v].split(old).join(new),
 * and the raw text after is the raw text before with exactly the old secret's occurrences replaced.
 */
import assert from 'node:assert/strict';
import * as dotenv from 'dotenv';
import * as fc from 'fast-check';
import { planRotation } from '../../../../src/core/keys/rotation';
import { scanEnvUsages } from '../../../../src/core/dotenv/usages';

const RUNS = (() => {
  const n = Number(process.env.VUED_PROPERTY_RUNS);
  return Number.isInteger(n) && n > 0 ? n : 2_000;
})();

/** The text after rotating; undefined when nothing was planned. */
function rotate(text: string, oldPrefix: string, fresh: string): string | undefined {
  const plan = planRotation([{ path: '.env', text }], oldPrefix, fresh);
  const e = plan.edits[0];
  if (e) {
    assert.equal(text.slice(0, e.edit.offset) + e.edit.insertText + text.slice(e.edit.offset + e.edit.deleteLength), e.newText, 'the one edit gives the new text');
  }
  return e?.newText;
}

const BASE62 = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'];
const DASHED = [...BASE62, '-', '_', '-', '_'];

function chars(pool: readonly string[], n: number): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...pool), { minLength: n, maxLength: n }).map((a) => a.join(''));
}

interface Keys {
  prefix: string;
  old: string;
  fresh: string;
}

/** The old key (its prefix and secret) and the new secret. The new secret never starts with the old prefix. */
const keys: fc.Arbitrary<Keys> = fc
  .record({
    dashed: fc.boolean(),
    freshDashed: fc.boolean(),
    head: chars(BASE62, 3),
    dashedHead: chars(DASHED, 3),
    rest: chars(BASE62, 36),
    dashedRest: chars(DASHED, 36),
    fresh: chars(BASE62, 39),
    freshDashed39: chars(DASHED, 39),
  })
  .map((k) => {
    const prefix = `vued_sk_O${k.dashed ? k.dashedHead : k.head}`;
    return {
      prefix,
      old: prefix + (k.dashed ? k.dashedRest : k.rest),
      fresh: `vued_sk_N${k.freshDashed ? k.freshDashed39 : k.fresh}`,
    };
  });

/** Another key's secret (of Vued shape, another prefix): never touched. */
const OTHER = 'vued_sk_Qth3rK3yThatMustSurvive0123456789ab';

type Piece = { secret: true } | { text: string };

/** What stands between the pieces of a value: never a letter, digit, `_` or `-`. */
const SEPARATORS = [',', ', ', ':', ' ', '@', '/', ';', '|', ' , ', '='];
const FILLERS = ['org_42', 'abc', 'x-y', 'https://h.example', 'Bearer', 'user', OTHER, 'PREFIX_DECOY', 'postgres://db'];

const piece: fc.Arbitrary<Piece> = fc.oneof(
  { weight: 2, arbitrary: fc.constant<Piece>({ secret: true }) },
  { weight: 3, arbitrary: fc.constantFrom(...FILLERS).map((text): Piece => ({ text })) },
);

interface Ctx {
  keys: Keys;
  eol: string;
}

function spell(p: Piece, k: Keys): string {
  if ('secret' in p) return k.old;
  // The old key's prefix with fewer characters after it than a secret has: not the key.
  return p.text === 'PREFIX_DECOY' ? `${k.prefix}abc` : p.text;
}

/** A value as written after `=`. */
function value(ctx: Ctx): fc.Arbitrary<string> {
  const pieces = fc.array(piece, { minLength: 1, maxLength: 4 });
  const unquoted = fc
    .tuple(pieces, fc.array(fc.constantFrom(...SEPARATORS), { minLength: 4, maxLength: 4 }))
    .map(([ps, seps]) => ps.map((p, i) => (i === 0 ? '' : seps[i]) + spell(p, ctx.keys)).join(''));
  const quoted = fc
    .tuple(
      fc.constantFrom('"', "'", '`'),
      pieces,
      fc.array(fc.constantFrom(...SEPARATORS, 'EOL', 'EOL', 'ESC'), { minLength: 4, maxLength: 4 }),
      fc.constantFrom('', '', ' ', '  '),
      fc.constantFrom('', '', ' ', '  '),
    )
    .map(([q, ps, seps, lead, trail]) => {
      const sep = (s: string) => (s === 'EOL' ? ctx.eol : s === 'ESC' ? (q === '"' ? '\\n' : ', ') : s);
      const body = ps.map((p, i) => (i === 0 ? '' : sep(seps[i])) + spell(p, ctx.keys)).join('');
      return `${q}${lead}${body}${trail}${q}`;
    });
  return fc.oneof(unquoted, quoted);
}

const NAMES = ['VUED_API_KEY', 'VUED_API_KEYS', 'AUTH', 'A', 'DB_URL', 'dotted.name', 'dash-name'];

function line(ctx: Ctx): fc.Arbitrary<string> {
  const definition = fc
    .record({
      exported: fc.constantFrom('', '', 'export '),
      name: fc.constantFrom(...NAMES),
      around: fc.constantFrom('=', '=', ' = ', '= '),
      value: value(ctx),
      trailing: fc.constantFrom('', '', '', ' # note', ' # was OLD', '  # rotated from OLD'),
    })
    .map((d) => `${d.exported}${d.name}${d.around}${d.value}${d.trailing.replace('OLD', ctx.keys.old)}`);
  const comment = fc
    .constantFrom('# NAME=OLD', '#OLD', '# the old key: OLD, kept for a day', '# export AUTH="Bearer OLD"', '# nothing here')
    .map((c) => c.replace('NAME', 'VUED_API_KEY').replace('OLD', ctx.keys.old));
  const plain = fc.constantFrom('DB_URL=postgres://db', 'EMPTY=', `OTHER_KEY=${OTHER}`, `SHORT=${ctx.keys.prefix}`, '');
  return fc.oneof({ weight: 5, arbitrary: definition }, { weight: 2, arbitrary: comment }, { weight: 2, arbitrary: plain });
}

const envCase = fc
  .record({ keys, crlf: fc.boolean(), bom: fc.boolean(), finalNewline: fc.boolean() })
  .chain((f) => {
    const ctx: Ctx = { keys: f.keys, eol: f.crlf ? '\r\n' : '\n' };
    return fc.array(line(ctx), { minLength: 1, maxLength: 12 }).map((lines) => ({
      keys: f.keys,
      text: (f.bom ? '\uFEFF' : '') + lines.join(ctx.eol) + (f.finalNewline ? ctx.eol : ''),
    }));
  });

describe('rotation: property test against dotenv', function () {
  this.timeout(300_000);
  let cases = 0;
  let holding = 0;

  after(() => {
    console.log(`      rotation property: ${cases} cases (${holding} holding the old secret)`);
  });

  it('changes exactly the old secret\'s characters, and dotenv reads every variable with only old → new', () => {
    fc.assert(
      fc.property(envCase, ({ keys: k, text }) => {
        cases++;
        const occurrences = text.split(k.old).length - 1;
        if (occurrences > 0) holding++;
        const found = scanEnvUsages([{ path: '.env', text }], [{ id: 'old', keyPrefix: k.prefix }]);
        assert.equal(found.length, occurrences, 'the scan finds every occurrence');
        assert.ok(found.every((u) => text.slice(u.start, u.end) === k.old), 'each occurrence is exactly the secret');
        const after = rotate(text, k.prefix, k.fresh) ?? text;
        assert.deepEqual(scanEnvUsages([{ path: '.env', text: after }], [{ id: 'old', keyPrefix: k.prefix }]), [], 'no occurrence is left');
        assert.equal(after, text.split(k.old).join(k.fresh), 'the raw text changed in exactly the old secret\'s characters');
        const was = dotenv.parse(text);
        const now = dotenv.parse(after);
        assert.deepEqual(Object.keys(now), Object.keys(was), 'the same variables');
        for (const v of Object.keys(was)) {
          assert.equal(now[v], was[v].split(k.old).join(k.fresh), `dotenv reads ${v} with only the key replaced`);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

/**
 * Finding the .env definitions that hold a key, checked against dotenv itself.
 */
import assert from 'node:assert/strict';
import * as dotenv from 'dotenv';
import {
  countLineBreaks,
  describeUsage,
  mapBounded,
  MIN_PREFIX_LENGTH,
  UsageCache,
  scanEnvUsages,
  usagesByKey,
  type EnvFileText,
  type KeyUsage,
} from '../../src/core/usage';

const K1 = { id: 'k1', keyPrefix: 'vued_sk_AbCd' };
/** Extends K1's prefix: values starting with it belong to K2 only. */
const K2 = { id: 'k2', keyPrefix: 'vued_sk_AbCdEf' };
const K3 = { id: 'k3', keyPrefix: 'vued_pk_Zz99' };
const SHORT = { id: 'short', keyPrefix: 'vued' };
const EMPTY = { id: 'empty', keyPrefix: '' };
const KEYS = [K1, K2, K3, SHORT, EMPTY];

const S1 = 'vued_sk_AbCdXyz0123456789';
const S2 = 'vued_sk_AbCdEfGh987654321';
const S3 = 'vued_pk_Zz99qwertyuiop';

type Row = Pick<KeyUsage, 'keyId' | 'variable' | 'line'>;

function rows(usages: readonly KeyUsage[]): Row[] {
  return usages.map((u) => ({ keyId: u.keyId, variable: u.variable, line: u.line }));
}

/** Every reported variable's value, as dotenv loads the file, starts with its key's prefix. */
function assertOracleAgrees(files: readonly EnvFileText[], usages: readonly KeyUsage[], keys = KEYS): void {
  const prefixOf = new Map(keys.map((k) => [k.id, k.keyPrefix]));
  for (const u of usages) {
    const file = files.find((f) => f.path === u.path);
    assert.ok(file, `${u.path} is one of the files`);
    const value = dotenv.parse(file.text)[u.variable];
    const prefix = prefixOf.get(u.keyId);
    assert.ok(prefix, `${u.keyId} is a known key`);
    assert.ok(typeof value === 'string' && value.startsWith(prefix), `dotenv reads ${u.variable} in ${u.path} as starting with ${prefix}`);
  }
}

/** The reported line is the line an editor shows the name on. */
function assertLinesPointAtNames(files: readonly EnvFileText[], usages: readonly KeyUsage[]): void {
  for (const u of usages) {
    const text = files.find((f) => f.path === u.path)?.text ?? '';
    const line = text.split(/\r\n|\n|\r/)[u.line];
    assert.ok(line !== undefined && new RegExp(`(^|\\s)${u.variable}\\s*[=:]`).test(line), `line ${u.line} of ${u.path} defines ${u.variable}: ${JSON.stringify(line)}`);
  }
}

describe('scanEnvUsages', () => {
  it('matches every value form of an LF file and reports the 0-based line of each name', () => {
    const text = [
      '# api keys', // 0
      `A=${S1}`, // 1
      `B='${S1}'`, // 2
      `C="${S1}"`, // 3
      `D=\`${S1}\``, // 4
      `export E=${S1}`, // 5
      `F=${S1} # the production key`, // 6
      `# G=${S1}`, // 7: a comment, not a definition
      `H="${S1}`, // 8: multi-line double-quoted value
      'second line"', // 9
      `I = ${S3}`, // 10
      `J=x${S1}`, // 11: the prefix is not at the start
      'K=vued_other_value', // 12: only the short prefix matches, and it is ignored
      `   L  =  '${S3}'   # spaced`, // 13
      `M: ${S1}`, // 14: YAML-style separator dotenv also reads
    ].join('\n') + '\n';
    const files = [{ path: 'apps/api/.env', text }];
    const usages = scanEnvUsages(files, KEYS);
    assert.deepEqual(rows(usages), [
      { keyId: 'k1', variable: 'A', line: 1 },
      { keyId: 'k1', variable: 'B', line: 2 },
      { keyId: 'k1', variable: 'C', line: 3 },
      { keyId: 'k1', variable: 'D', line: 4 },
      { keyId: 'k1', variable: 'E', line: 5 },
      { keyId: 'k1', variable: 'F', line: 6 },
      { keyId: 'k1', variable: 'H', line: 8 },
      { keyId: 'k3', variable: 'I', line: 10 },
      { keyId: 'k3', variable: 'L', line: 13 },
      { keyId: 'k1', variable: 'M', line: 14 },
    ]);
    assert.deepEqual(
      usages.map((u) => u.hasExport),
      [false, false, false, false, true, false, false, false, false, false],
    );
    assert.ok(usages.every((u) => u.path === 'apps/api/.env'));
    assertOracleAgrees(files, usages);
    assertLinesPointAtNames(files, usages);
    // dotenv agrees the unmatched definitions do not start with any (long enough) prefix.
    const loaded = dotenv.parse(text);
    assert.ok(!loaded.G, 'the commented definition is not loaded');
    assert.ok(!loaded.J.startsWith(K1.keyPrefix) && !loaded.K.startsWith(K1.keyPrefix));
  });

  it('reads CRLF files with a byte order mark with the same line numbers an editor shows', () => {
    const text = `\uFEFFA=${S1}\r\nB="${S2}"\r\n\r\n# C=${S3}\r\nexport C='${S3}'\r\nD="${S1}\r\nstill D"\r\nE=${S2}\r\n`;
    const files = [{ path: '.env', text }];
    const usages = scanEnvUsages(files, KEYS);
    assert.deepEqual(rows(usages), [
      { keyId: 'k1', variable: 'A', line: 0 },
      { keyId: 'k2', variable: 'B', line: 1 },
      { keyId: 'k3', variable: 'C', line: 4 },
      { keyId: 'k1', variable: 'D', line: 5 },
      { keyId: 'k2', variable: 'E', line: 7 },
    ]);
    assert.equal(usages[2].hasExport, true);
    assertOracleAgrees(files, usages);
    assertLinesPointAtNames(files, usages);
  });

  it('counts a lone CR as a line break and U+2028 as part of a line', () => {
    const files = [
      { path: 'cr/.env', text: `X=1\rY=2\rA=${S1}\r` },
      { path: 'ls/.env', text: `X='1'\u2028A=${S3}\nB=${S1}\n` },
    ];
    const usages = scanEnvUsages(files, KEYS);
    assert.deepEqual(
      usages.map((u) => [u.path, u.variable, u.line]),
      [
        ['cr/.env', 'A', 2],
        // dotenv starts a definition after U+2028, but an editor shows it on the same line.
        ['ls/.env', 'A', 0],
        ['ls/.env', 'B', 1],
      ],
    );
    assertOracleAgrees(files, usages);
  });

  it('attributes a value to the longest matching prefix only', () => {
    const files = [{ path: '.env', text: `LONG=${S2}\nSHORT=${S1}\n` }];
    const usages = scanEnvUsages(files, [K1, K2]);
    assert.deepEqual(rows(usages), [
      { keyId: 'k2', variable: 'LONG', line: 0 },
      { keyId: 'k1', variable: 'SHORT', line: 1 },
    ]);
    // The same answer whichever order the keys come in.
    assert.deepEqual(scanEnvUsages(files, [K2, K1]), usages);
    // Without the longer key, the shorter one claims the value.
    assert.deepEqual(rows(scanEnvUsages(files, [K1])).map((r) => r.variable), ['LONG', 'SHORT']);
  });

  it('reports a value for every key that has exactly the longest matching prefix', () => {
    const twin = { id: 'twin', keyPrefix: K1.keyPrefix };
    const usages = scanEnvUsages([{ path: '.env', text: `A=${S1}\n` }], [K1, twin, K1]);
    assert.deepEqual(usages.map((u) => u.keyId), ['k1', 'twin']);
  });

  it('ignores keys whose prefix is empty or shorter than the minimum', () => {
    assert.equal(MIN_PREFIX_LENGTH, 6);
    const files = [{ path: '.env', text: `A=vued_x\nB=${S1}\nC=anything\n` }];
    assert.deepEqual(scanEnvUsages(files, [SHORT, EMPTY, { id: 'five', keyPrefix: 'vued_' }]), []);
    assert.deepEqual(scanEnvUsages(files, [{ id: 'six', keyPrefix: 'vued_x' }]).map((u) => u.variable), ['A']);
    assert.deepEqual(scanEnvUsages(files, []), []);
  });

  it('reports every definition, including one a later definition overrides', () => {
    const files = [{ path: '.env', text: `A=${S1}\nA=${S3}\nA=plain\n` }];
    assert.deepEqual(rows(scanEnvUsages(files, KEYS)), [
      { keyId: 'k1', variable: 'A', line: 0 },
      { keyId: 'k3', variable: 'A', line: 1 },
    ]);
  });

  it('scans several files and groups the usages by key', () => {
    const files: EnvFileText[] = [
      { path: 'apps/api/.env', text: `DB=postgres://db\nVUED_API_KEY=${S1}\n` },
      { path: 'apps/web/.env.local', text: `NEXT_PUBLIC_X=1\nexport VUED_KEY="${S2}"\nVUED_FALLBACK=${S1}\n` },
      { path: 'apps/docs/.env', text: 'NOTHING=here\n' },
      { path: 'apps/empty/.env', text: '' },
      { path: '.env', text: `VUED_PUBLIC=${S3}` },
    ];
    const usages = scanEnvUsages(files, KEYS);
    assert.deepEqual(
      usages.map((u) => describeUsage(u)),
      ['apps/api/.env — VUED_API_KEY', 'apps/web/.env.local — VUED_KEY', 'apps/web/.env.local — VUED_FALLBACK', '.env — VUED_PUBLIC'],
    );
    const grouped = usagesByKey(usages);
    assert.deepEqual([...grouped.keys()], ['k1', 'k2', 'k3']);
    assert.deepEqual(grouped.get('k1')?.map(describeUsage), ['apps/api/.env — VUED_API_KEY', 'apps/web/.env.local — VUED_FALLBACK']);
    assert.deepEqual(grouped.get('k2')?.map((u) => [u.variable, u.line, u.hasExport]), [['VUED_KEY', 1, true]]);
    assert.deepEqual(grouped.get('k3')?.map((u) => u.line), [0]);
    assertOracleAgrees(files, usages);
    assertLinesPointAtNames(files, usages);
  });

  it('never puts a value, or even a prefix, in the result', () => {
    const usages = scanEnvUsages([{ path: 'a/.env', text: `A=${S1}\nB="${S2}"\n` }], KEYS);
    assert.equal(usages.length, 2);
    const serialized = JSON.stringify(usages) + usages.map(describeUsage).join('');
    assert.ok(!serialized.includes('vued_'), serialized);
    assert.deepEqual(Object.keys(usages[0]).sort(), ['hasExport', 'keyId', 'line', 'path', 'variable']);
  });

  it('finds prefixes that share no common start and ones dotenv decodes from escapes', () => {
    // More distinct starts than the file pre-check tries one by one, so it cannot skip files.
    const many = Array.from({ length: 40 }, (_, i) => ({ id: `m${i}`, keyPrefix: `${String.fromCharCode(65 + (i % 26))}${i}_key_prefix` }));
    const withNewline = { id: 'nl', keyPrefix: 'abc\ndef' };
    const startsWithNewline = { id: 'lead', keyPrefix: '\nzyxwv' };
    const files = [
      { path: 'one/.env', text: 'X=B1_key_prefix_and_more\nY=nothing\n' },
      // `\n` in double quotes is a line break for dotenv.
      { path: 'two/.env', text: 'N="abc\\ndefgh"\nL="\\nzyxwvut"\n' },
      { path: 'three/.env', text: 'Z=N39_key_prefix\n' },
    ];
    const keys = [...many, withNewline, startsWithNewline];
    const usages = scanEnvUsages(files, keys);
    assert.deepEqual(
      usages.map((u) => [u.path, u.variable, u.keyId]),
      [
        ['one/.env', 'X', 'm1'],
        ['two/.env', 'N', 'nl'],
        ['two/.env', 'L', 'lead'],
        ['three/.env', 'Z', 'm39'],
      ],
    );
    assertOracleAgrees(files, usages, keys);
    // The escape-decoded prefixes alone: the first has a usable head ("abc"), the second none.
    assert.deepEqual(scanEnvUsages(files, [withNewline]).map((u) => u.variable), ['N']);
    assert.deepEqual(scanEnvUsages(files, [startsWithNewline]).map((u) => u.variable), ['L']);
  });

  it('returns exactly the planted usages in a 2,000-file, 50,000-line workspace', () => {
    let seed = 0x2545f491;
    const random = (): number => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) / 0x100000000;
    };
    const pick = (chars: string, n: number): string => {
      let s = '';
      for (let i = 0; i < n; i++) s += chars[Math.floor(random() * chars.length)];
      return s;
    };
    const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
    const LOWER = 'abcdefghijklmnopqrstuvwxyz';

    // 3,000 keys with distinct prefixes made of upper-case letters and digits.
    const keys: Array<{ id: string; keyPrefix: string }> = [];
    const seen = new Set<string>();
    while (keys.length < 3000) {
      const prefix = `vued_${random() < 0.9 ? 'sk' : 'pk'}_${pick(UPPER, 4)}`;
      if (!seen.has(prefix)) {
        seen.add(prefix);
        keys.push({ id: `key-${keys.length}`, keyPrefix: prefix });
      }
    }

    const files: EnvFileText[] = [];
    const planted: Array<Pick<KeyUsage, 'keyId' | 'path' | 'variable' | 'line' | 'hasExport'>> = [];
    let totalLines = 0;
    for (let f = 0; f < 2000; f++) {
      const path = `pkg${f % 37}/svc${f}/.env`;
      const eol = f % 5 === 0 ? '\r\n' : '\n';
      const lines: string[] = [];
      // Files with a two-line value get 23 other lines, so every file has 25 lines.
      const count = f % 10 === 0 ? 23 : 25;
      for (let l = 0; l < count; l++) {
        const roll = random();
        const name = `VAR_${f}_${l}`;
        if (roll < 0.02) {
          const key = keys[Math.floor(random() * keys.length)];
          const secret = key.keyPrefix + pick(UPPER + LOWER, 28);
          const form = Math.floor(random() * 6);
          const hasExport = form === 4;
          const written = [secret, `'${secret}'`, `"${secret}"`, `\`${secret}\``, secret, `${secret}  # rotated`][form];
          planted.push({ keyId: key.id, path, variable: name, line: lines.length, hasExport });
          lines.push(`${hasExport ? 'export ' : ''}${name}=${written}`);
        } else if (roll < 0.05) {
          // Looks like a key, but its prefix belongs to none (lower-case after the type).
          lines.push(`${name}=vued_sk_${pick(LOWER, 24)}`);
        } else if (roll < 0.07) {
          const key = keys[Math.floor(random() * keys.length)];
          lines.push(`# ${name}=${key.keyPrefix}${pick(UPPER, 20)}`);
        } else if (roll < 0.08) {
          const key = keys[Math.floor(random() * keys.length)];
          lines.push(`${name}=not-${key.keyPrefix}`);
        } else {
          lines.push(`${name}=${pick(LOWER, 12)}`);
        }
      }
      if (f % 10 === 0) {
        const key = keys[Math.floor(random() * keys.length)];
        planted.push({ keyId: key.id, path, variable: `MULTI_${f}`, line: lines.length, hasExport: false });
        lines.push(`MULTI_${f}="${key.keyPrefix}first`, 'second"');
      }
      totalLines += lines.length;
      files.push({ path, text: lines.join(eol) + eol });
    }
    assert.equal(files.length, 2000);
    assert.equal(totalLines, 50000);
    assert.ok(planted.length > 1000, `${planted.length} usages planted`);

    const usages = scanEnvUsages(files, keys);
    assert.deepEqual(usages, planted);
    assertOracleAgrees(files, usages.slice(0, 300), keys);
  });
});

describe('countLineBreaks', () => {
  it('counts CRLF, LF and a lone CR once each, and not U+2028/U+2029', () => {
    assert.equal(countLineBreaks('a\r\nb\nc\rd\u2028e\u2029f', 0, 12), 3);
    // A range ending between CR and LF counts the pair when the LF is reached.
    const text = 'a\r\nb';
    assert.equal(countLineBreaks(text, 0, 2) + countLineBreaks(text, 2, 4), 1);
  });
});

describe('UsageCache', () => {
  /** A random workspace: files that use K1/K2/K3 (or nothing) in varied forms. */
  function randomText(seed: number): string {
    const values = [S1, S2, S3, 'plain', `"${S1}"`, `'${S2}' # c`, 'vued_sk_Ab'];
    const lines: string[] = [];
    for (let i = 0; i < 1 + (seed % 5); i++) {
      lines.push(`${i % 3 === 0 ? 'export ' : ''}V${seed}_${i}=${values[(seed * 7 + i * 3) % values.length]}`);
    }
    return lines.join(seed % 2 ? '\r\n' : '\n') + '\n';
  }

  it('answers exactly what a full scan of the current texts gives, through changes, additions and deletions', () => {
    const cache = new UsageCache();
    const files = new Map<string, string>();
    for (let i = 0; i < 40; i++) {
      files.set(`p${i}/.env`, randomText(i));
      cache.set(`p${i}/.env`, randomText(i));
    }
    const keySets = [KEYS, [K1], [K2, K3], [K3, K1]];
    const full = (keys: typeof KEYS) => scanEnvUsages([...files].map(([path, text]) => ({ path, text })), keys);
    for (let round = 0; round < 60; round++) {
      const keys = keySets[round % keySets.length];
      assert.deepEqual(cache.usagesOf(keys), full(keys), `round ${round}`);
      const path = `p${(round * 13) % 45}/.env`;
      if (round % 5 === 4) {
        assert.equal(cache.delete(path), files.delete(path));
      } else {
        const text = randomText(round * 31 + 3);
        const changed = files.get(path) !== text;
        files.set(path, text);
        assert.equal(cache.set(path, text), changed);
      }
    }
  });

  it('follows a changed file and leaves the others as they were', () => {
    const cache = new UsageCache();
    cache.set('a/.env', `A=${S1}\n`);
    cache.set('b/.env', `B=${S1}\n`);
    cache.set('c/.env', 'C=nothing\n');
    const keys = [K1];
    assert.deepEqual(rows(cache.usagesOf(keys)), [
      { keyId: 'k1', variable: 'A', line: 0 },
      { keyId: 'k1', variable: 'B', line: 0 },
    ]);
    // Only 'a' changes; setting 'b' to the same text is no change.
    assert.equal(cache.set('a/.env', `X=1\nA2=${S1}\n`), true);
    assert.equal(cache.set('b/.env', `B=${S1}\n`), false, 'an unchanged text is not a change');
    assert.deepEqual(rows(cache.usagesOf(keys)), [
      { keyId: 'k1', variable: 'A2', line: 1 },
      { keyId: 'k1', variable: 'B', line: 0 },
    ]);
    assert.deepEqual(
      cache.usagesOf(keys).map((u) => u.path),
      ['a/.env', 'b/.env'],
      'files keep the order they were first added in',
    );
  });

  it('keeps the results of several key sets and hands out copies', () => {
    const cache = new UsageCache();
    cache.set('a/.env', `A=${S1}\nB=${S3}\n`);
    const first = cache.usagesOf([K1]);
    first[0].variable = 'MUTATED';
    for (let i = 0; i < 20; i++) {
      cache.usagesOf([{ id: `x${i}`, keyPrefix: `vued_xx_${String(i).padStart(4, '0')}` }]);
    }
    assert.deepEqual(rows(cache.usagesOf([K1])), [{ keyId: 'k1', variable: 'A', line: 0 }]);
    assert.deepEqual(rows(cache.usagesOf([K3])), [{ keyId: 'k3', variable: 'B', line: 1 }]);
  });
});

describe('mapBounded', () => {
  it('runs at most `limit` calls at once, all of them, results in order', async () => {
    let running = 0;
    let most = 0;
    const items = Array.from({ length: 100 }, (_, i) => i);
    const out = await mapBounded(items, 7, async (n) => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, n % 3));
      running--;
      return n * 2;
    });
    assert.deepEqual(out, items.map((n) => n * 2));
    assert.equal(most, 7);
    assert.equal(running, 0);
  });

  it('handles an empty list and rejects with the first failure', async () => {
    assert.deepEqual(await mapBounded([], 4, async () => 1), []);
    await assert.rejects(
      mapBounded([1, 2, 3], 2, async (n) => {
        if (n === 2) throw new Error('boom');
        return n;
      }),
      /boom/,
    );
  });
});

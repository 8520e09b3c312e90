/**
 * Finding every occurrence of a key's secret in .env files, checked against dotenv itself.
 */
import assert from 'node:assert/strict';
import * as dotenv from 'dotenv';
import {
  decodeEnvBytes,
  describeUsage,
  MIN_PREFIX_LENGTH,
  UsageCache,
  scanEnvUsages,
  usagesByKey,
  type EnvFileText,
  type KeyUsage,
} from '../../../../src/core/dotenv/usages';
import { tagged } from '../../../support/messages';

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
/** A secret of Vued shape whose key is not given: never reported. */
const UNKNOWN = 'vued_sk_QqQq0123456789abcdefghij';

type Row = { keyId: string; kind: KeyUsage['kind']; variable?: string; line: number };

function rows(usages: readonly KeyUsage[]): Row[] {
  return usages.map((u) => (u.kind === 'definition' ? { keyId: u.keyId, kind: u.kind, variable: u.variable, line: u.line } : { keyId: u.keyId, kind: u.kind, line: u.line }));
}

/**
 * dotenv agrees with each occurrence: its characters are a secret of its key, and overwriting them
 * (with as many other characters) changes what dotenv reads for the variable of a definition (unless
 * a later definition overrides it) and changes nothing dotenv reads for a comment.
 */
function assertOracleAgrees(files: readonly EnvFileText[], usages: readonly KeyUsage[], keys = KEYS, overridden: readonly string[] = []): void {
  const prefixOf = new Map(keys.map((k) => [k.id, k.keyPrefix]));
  for (const u of usages) {
    const file = files.find((f) => f.path === u.path);
    assert.ok(file, `${u.path} is one of the files`);
    const token = file.text.slice(u.start, u.end);
    const prefix = prefixOf.get(u.keyId);
    assert.ok(prefix && token.startsWith(prefix) && token.length >= prefix.length + 8, `${JSON.stringify(token)} is a secret of ${u.keyId}`);
    const blanked = file.text.slice(0, u.start) + 'Z'.repeat(token.length) + file.text.slice(u.end);
    const was = dotenv.parse(file.text);
    const now = dotenv.parse(blanked);
    if (u.kind === 'comment') {
      assert.deepEqual(now, was, `line ${u.line} of ${u.path} is outside every value`);
    } else if (!overridden.includes(u.variable)) {
      assert.ok(was[u.variable].includes(token), `dotenv reads ${u.variable} in ${u.path} as holding the secret`);
      assert.notEqual(now[u.variable], was[u.variable], `the secret at line ${u.line} is in the value of ${u.variable}`);
    }
  }
}

/** The reported line is the line an editor shows the secret on. */
function assertLinesPointAtSecrets(files: readonly EnvFileText[], usages: readonly KeyUsage[]): void {
  for (const u of usages) {
    const text = files.find((f) => f.path === u.path)?.text ?? '';
    const line = text.split(/\r\n|\n|\r/)[u.line];
    assert.ok(line?.includes(text.slice(u.start, u.end)), `line ${u.line} of ${u.path} holds the secret: ${JSON.stringify(line)}`);
  }
}

describe('scanEnvUsages', () => {
  it('finds every occurrence in an LF file, in every value form and outside values, with its line', () => {
    const text = [
      '# api keys', // 0
      `A=${S1}`, // 1
      `B='${S1}'`, // 2
      `C="${S1}"`, // 3
      `D=\`${S1}\``, // 4
      `export E=${S1}`, // 5
      `F=${S1} # the production key`, // 6
      `# G=${S1}`, // 7: a commented-out definition
      `H="${S1}`, // 8: multi-line double-quoted value
      'second line"', // 9
      `I = ${S3}`, // 10
      `J=x${S1}`, // 11: inside a longer token, not a secret
      'K=vued_other_value', // 12: only the short prefix matches, and it is ignored
      `   L  =  '${S3}'   # spaced`, // 13
      `M: ${S1}`, // 14: YAML-style separator dotenv also reads
      `LIST=${S3},${S1}`, // 15: a list holds two keys
      `SUFFIXED=${S1}:org_42`, // 16
      `SPACED=" ${S1} "`, // 17
      `MULTI='first`, // 18
      `${S3}'`, // 19: the secret on the second line of a value
      `ESCAPED="x\\n${S1}"`, // 20: after a \n escape dotenv reads a line break
      `N=1 # was ${S3}`, // 21: in a trailing comment
      `O=${UNKNOWN}`, // 22: a secret of no key given
      `P=${K1.keyPrefix}short`, // 23: the prefix with too few characters after it
    ].join('\n') + '\n';
    const files = [{ path: 'apps/api/.env', text }];
    const usages = scanEnvUsages(files, KEYS);
    assert.deepEqual(rows(usages), [
      { keyId: 'k1', kind: 'definition', variable: 'A', line: 1 },
      { keyId: 'k1', kind: 'definition', variable: 'B', line: 2 },
      { keyId: 'k1', kind: 'definition', variable: 'C', line: 3 },
      { keyId: 'k1', kind: 'definition', variable: 'D', line: 4 },
      { keyId: 'k1', kind: 'definition', variable: 'E', line: 5 },
      { keyId: 'k1', kind: 'definition', variable: 'F', line: 6 },
      { keyId: 'k1', kind: 'comment', line: 7 },
      { keyId: 'k1', kind: 'definition', variable: 'H', line: 8 },
      { keyId: 'k3', kind: 'definition', variable: 'I', line: 10 },
      { keyId: 'k3', kind: 'definition', variable: 'L', line: 13 },
      { keyId: 'k1', kind: 'definition', variable: 'M', line: 14 },
      { keyId: 'k3', kind: 'definition', variable: 'LIST', line: 15 },
      { keyId: 'k1', kind: 'definition', variable: 'LIST', line: 15 },
      { keyId: 'k1', kind: 'definition', variable: 'SUFFIXED', line: 16 },
      { keyId: 'k1', kind: 'definition', variable: 'SPACED', line: 17 },
      { keyId: 'k3', kind: 'definition', variable: 'MULTI', line: 19 },
      { keyId: 'k1', kind: 'definition', variable: 'ESCAPED', line: 20 },
      { keyId: 'k3', kind: 'comment', line: 21 },
    ]);
    for (const u of usages) {
      assert.equal(text.slice(u.start, u.end), u.keyId === 'k1' ? S1 : S3, 'exactly the secret\'s characters');
    }
    assert.deepEqual(
      usages.map((u) => u.kind === 'definition' && u.hasExport),
      usages.map((u) => u.kind === 'definition' && u.variable === 'E'),
    );
    assertOracleAgrees(files, usages);
    assertLinesPointAtSecrets(files, usages.filter((u) => u.line !== 20)); // the escape's line break is only dotenv's
    const loaded = dotenv.parse(text);
    assert.ok(!loaded.G, 'the commented definition is not loaded');
    assert.ok(loaded.J.includes(S1) && loaded.P.startsWith(K1.keyPrefix), 'J and P hold the characters, but as no secret of K1');
  });

  it('reads CRLF files with a byte order mark with the same line numbers an editor shows', () => {
    const text = `\uFEFFA=${S1}\r\nB="${S2}"\r\n\r\n# C=${S3}\r\nexport C='${S3}'\r\nD="${S1}\r\nstill D"\r\nE=${S2}\r\n`;
    const files = [{ path: '.env', text }];
    const usages = scanEnvUsages(files, KEYS);
    assert.deepEqual(rows(usages), [
      { keyId: 'k1', kind: 'definition', variable: 'A', line: 0 },
      { keyId: 'k2', kind: 'definition', variable: 'B', line: 1 },
      { keyId: 'k3', kind: 'comment', line: 3 },
      { keyId: 'k3', kind: 'definition', variable: 'C', line: 4 },
      { keyId: 'k1', kind: 'definition', variable: 'D', line: 5 },
      { keyId: 'k2', kind: 'definition', variable: 'E', line: 7 },
    ]);
    assert.equal(usages[3].kind === 'definition' && usages[3].hasExport, true);
    assertOracleAgrees(files, usages);
    assertLinesPointAtSecrets(files, usages);
  });

  it('counts a lone CR as a line break and U+2028 as part of a line', () => {
    const files = [
      { path: 'cr/.env', text: `X=1\rY=2\rA=${S1}\r` },
      { path: 'ls/.env', text: `X='1'\u2028A=${S3}\nB=${S1}\n` },
    ];
    const usages = scanEnvUsages(files, KEYS);
    assert.deepEqual(
      usages.map((u) => [u.path, u.kind === 'definition' ? u.variable : '#', u.line]),
      [
        ['cr/.env', 'A', 2],
        // dotenv starts a definition after U+2028, but an editor shows it on the same line.
        ['ls/.env', 'A', 0],
        ['ls/.env', 'B', 1],
      ],
    );
    assertOracleAgrees(files, usages);
  });

  it('attributes a secret to the longest matching prefix only', () => {
    const files = [{ path: '.env', text: `LONG=${S2}\nSHORT=${S1}\nBOTH=${S1},${S2}\n` }];
    const usages = scanEnvUsages(files, [K1, K2]);
    assert.deepEqual(rows(usages).map((r) => [r.keyId, r.variable]), [['k2', 'LONG'], ['k1', 'SHORT'], ['k1', 'BOTH'], ['k2', 'BOTH']]);
    // The same answer whichever order the keys come in.
    assert.deepEqual(scanEnvUsages(files, [K2, K1]), usages);
    // Without the longer key, the shorter one claims the secret.
    assert.deepEqual(rows(scanEnvUsages(files, [K1])).map((r) => r.variable), ['LONG', 'SHORT', 'BOTH', 'BOTH']);
  });

  it('reports an occurrence for every key that has exactly the longest matching prefix', () => {
    const twin = { id: 'twin', keyPrefix: K1.keyPrefix };
    const usages = scanEnvUsages([{ path: '.env', text: `A=${S1}\n` }], [K1, twin, K1]);
    assert.deepEqual(usages.map((u) => u.keyId), ['k1', 'twin']);
  });

  it('ignores keys whose prefix is empty, shorter than the minimum, or holds what no token holds', () => {
    assert.equal(MIN_PREFIX_LENGTH, 6);
    const files = [{ path: '.env', text: `A=vued_xABCDEFGH12\nB=${S1}\nC=anything\nD="abc\\ndefghijklmnop"\n` }];
    assert.deepEqual(scanEnvUsages(files, [SHORT, EMPTY, { id: 'five', keyPrefix: 'vued_' }]), []);
    assert.deepEqual(scanEnvUsages(files, [{ id: 'six', keyPrefix: 'vued_x' }]).map((u) => u.kind === 'definition' && u.variable), ['A']);
    // A prefix is matched in the raw text as the start of a token: one with a line break never is.
    assert.deepEqual(scanEnvUsages(files, [{ id: 'nl', keyPrefix: 'abc\ndef' }]), []);
    assert.deepEqual(scanEnvUsages(files, []), []);
  });

  it('reports every definition, including one a later definition overrides', () => {
    const files = [{ path: '.env', text: `A=${S1}\nA=${S3}\nA=plain\n` }];
    const usages = scanEnvUsages(files, KEYS);
    assert.deepEqual(rows(usages), [
      { keyId: 'k1', kind: 'definition', variable: 'A', line: 0 },
      { keyId: 'k3', kind: 'definition', variable: 'A', line: 1 },
    ]);
    assertOracleAgrees(files, usages, KEYS, ['A']);
  });

  it('scans several files and groups the usages by key', () => {
    const files: EnvFileText[] = [
      { path: 'apps/api/.env', text: `DB=postgres://db\nVUED_API_KEY=${S1}\n` },
      { path: 'apps/web/.env.local', text: `NEXT_PUBLIC_X=1\nexport VUED_KEY="${S2}"\nVUED_FALLBACK=${S1}\n# VUED_OLD=${S1}\n` },
      { path: 'apps/docs/.env', text: 'NOTHING=here\n' },
      { path: 'apps/empty/.env', text: '' },
      { path: '.env', text: `VUED_PUBLIC=${S3}` },
    ];
    const usages = scanEnvUsages(files, KEYS);
    assert.deepEqual(usages.map((u) => describeUsage(u)), [
      'apps/api/.env — VUED_API_KEY',
      'apps/web/.env.local — VUED_KEY',
      'apps/web/.env.local — VUED_FALLBACK',
      'apps/web/.env.local line 4 (comment)',
      '.env — VUED_PUBLIC',
    ]);
    const grouped = usagesByKey(usages);
    assert.deepEqual([...grouped.keys()], ['k1', 'k2', 'k3']);
    assert.deepEqual(grouped.get('k1')?.map((u) => describeUsage(u)), ['apps/api/.env — VUED_API_KEY', 'apps/web/.env.local — VUED_FALLBACK', 'apps/web/.env.local line 4 (comment)']);
    assert.deepEqual(grouped.get('k2')?.map((u) => [u.kind === 'definition' && u.variable, u.line, u.kind === 'definition' && u.hasExport]), [['VUED_KEY', 1, true]]);
    assert.deepEqual(grouped.get('k3')?.map((u) => u.line), [0]);
    assertOracleAgrees(files, usages);
    assertLinesPointAtSecrets(files, usages);
  });

  it('labels a comment occurrence in the language it is given', () => {
    const [u] = scanEnvUsages([{ path: 'a/.env', text: `\n\n#${S1}\n` }], [K1]);
    assert.equal(describeUsage(u), 'a/.env line 3 (comment)');
    assert.equal(describeUsage(u, tagged), '<usage.comment|a/.env|3>');
  });

  it('never puts a value, or even a prefix, in the result', () => {
    const usages = scanEnvUsages([{ path: 'a/.env', text: `A=${S1}\nB="${S2}"\n# ${S1}\n` }], KEYS);
    assert.equal(usages.length, 3);
    const serialized = JSON.stringify(usages) + usages.map((u) => describeUsage(u)).join('');
    assert.ok(!serialized.includes('vued_'), serialized);
    assert.deepEqual(Object.keys(usages[0]).sort(), ['end', 'hasExport', 'keyId', 'kind', 'line', 'path', 'start', 'variable']);
    assert.deepEqual(Object.keys(usages[2]).sort(), ['end', 'keyId', 'kind', 'line', 'path', 'start']);
  });

  it('finds prefixes that share no common start', () => {
    // More distinct starts than the file pre-check tries one by one, so it cannot skip files.
    const many = Array.from({ length: 40 }, (_, i) => ({ id: `m${i}`, keyPrefix: `${String.fromCharCode(65 + (i % 26))}${i}_key_prefix` }));
    const files = [
      { path: 'one/.env', text: 'X=B1_key_prefix_and_more\nY=nothing\n' },
      { path: 'two/.env', text: 'N="abc\\ndefgh"\n' },
      { path: 'three/.env', text: 'Z=N39_key_prefix_12345678\n' },
    ];
    const usages = scanEnvUsages(files, many);
    assert.deepEqual(
      usages.map((u) => [u.path, u.kind === 'definition' && u.variable, u.keyId]),
      [
        ['one/.env', 'X', 'm1'],
        ['three/.env', 'Z', 'm39'],
      ],
    );
    assertOracleAgrees(files, usages, many);
  });

  it('reads a .env that is not UTF-8 byte for byte, and finds the keys dotenv reads in it', () => {
    const latin1 = Buffer.from(`# Configuraci\xf3n\nVUED_API_KEY=${S1}\nCIUDAD=M\xe1laga # ${S3}\n`, 'latin1');
    const read = decodeEnvBytes(latin1);
    assert.equal(read.bytewise, true);
    assert.equal(read.text.length, latin1.length, 'one character per byte');
    const usages = scanEnvUsages([{ path: '.env', text: read.text }], KEYS);
    assert.deepEqual(rows(usages), [
      { keyId: 'k1', kind: 'definition', variable: 'VUED_API_KEY', line: 1 },
      { keyId: 'k3', kind: 'comment', line: 2 },
    ]);
    assert.equal(latin1.subarray(usages[0].start, usages[0].end).toString('latin1'), S1, 'offsets are the bytes\'');
    assert.equal(dotenv.parse(latin1).VUED_API_KEY, S1, 'dotenv reads the key from the same bytes');

    // A UTF-8 byte order mark before Latin-1 bytes reads as white space, as dotenv reads it.
    const bom = decodeEnvBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), latin1]));
    assert.deepEqual([bom.bytewise, bom.text], [true, `\uFEFF${read.text}`]);
    assert.deepEqual(rows(scanEnvUsages([{ path: '.env', text: bom.text }], KEYS)), rows(usages));
    // Valid UTF-8 is read as UTF-8, its byte order mark kept.
    const utf8 = Buffer.from(`\uFEFF# Configuración\nK=${S1}\n`, 'utf8');
    assert.deepEqual(decodeEnvBytes(utf8), { text: `\uFEFF# Configuración\nK=${S1}\n`, bytewise: false });
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
    const planted: Row[] = [];
    const plantedSecrets: string[] = [];
    /** Path and `export` of each planted occurrence. */
    const plantedWhere: Array<[string, boolean]> = [];
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
          planted.push({ keyId: key.id, kind: 'definition', variable: name, line: lines.length });
          plantedSecrets.push(secret);
          plantedWhere.push([path, hasExport]);
          lines.push(`${hasExport ? 'export ' : ''}${name}=${written}`);
        } else if (roll < 0.05) {
          // Looks like a key, but its prefix belongs to none (lower-case after the type).
          lines.push(`${name}=vued_sk_${pick(LOWER, 24)}`);
        } else if (roll < 0.07) {
          // A commented-out definition: an occurrence outside every value.
          const key = keys[Math.floor(random() * keys.length)];
          const secret = `${key.keyPrefix}${pick(UPPER, 20)}`;
          planted.push({ keyId: key.id, kind: 'comment', line: lines.length });
          plantedSecrets.push(secret);
          plantedWhere.push([path, false]);
          lines.push(`# ${name}=${secret}`);
        } else if (roll < 0.08) {
          const key = keys[Math.floor(random() * keys.length)];
          lines.push(`${name}=not-${key.keyPrefix}`);
        } else {
          lines.push(`${name}=${pick(LOWER, 12)}`);
        }
      }
      if (f % 10 === 0) {
        const key = keys[Math.floor(random() * keys.length)];
        planted.push({ keyId: key.id, kind: 'definition', variable: `MULTI_${f}`, line: lines.length });
        plantedSecrets.push(`${key.keyPrefix}firstline`);
        plantedWhere.push([path, false]);
        lines.push(`MULTI_${f}="${key.keyPrefix}firstline`, 'second"');
      }
      totalLines += lines.length;
      files.push({ path, text: lines.join(eol) + eol });
    }
    assert.equal(files.length, 2000);
    assert.equal(totalLines, 50000);
    assert.ok(planted.length > 1000, `${planted.length} usages planted`);

    const usages = scanEnvUsages(files, keys);
    assert.deepEqual(rows(usages), planted);
    assert.deepEqual(usages.map((u) => [u.path, u.kind === 'definition' && u.hasExport]), plantedWhere);
    assert.deepEqual(usages.map((u) => files.find((f) => f.path === u.path)!.text.slice(u.start, u.end)), plantedSecrets);
    assertOracleAgrees(files, usages.slice(0, 300), keys);
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
      { keyId: 'k1', kind: 'definition', variable: 'A', line: 0 },
      { keyId: 'k1', kind: 'definition', variable: 'B', line: 0 },
    ]);
    // Only 'a' changes; setting 'b' to the same text is no change.
    assert.equal(cache.set('a/.env', `X=1\nA2=${S1}\n`), true);
    assert.equal(cache.set('b/.env', `B=${S1}\n`), false, 'an unchanged text is not a change');
    assert.deepEqual(rows(cache.usagesOf(keys)), [
      { keyId: 'k1', kind: 'definition', variable: 'A2', line: 1 },
      { keyId: 'k1', kind: 'definition', variable: 'B', line: 0 },
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
    first[0].line = 99;
    first[0].start = -1;
    for (let i = 0; i < 20; i++) {
      cache.usagesOf([{ id: `x${i}`, keyPrefix: `vued_xx_${String(i).padStart(4, '0')}` }]);
    }
    assert.deepEqual(rows(cache.usagesOf([K1])), [{ keyId: 'k1', kind: 'definition', variable: 'A', line: 0 }]);
    assert.deepEqual(rows(cache.usagesOf([K3])), [{ keyId: 'k3', kind: 'definition', variable: 'B', line: 1 }]);
  });
});

/**
 * What a key's row says (src/core/keys/status.ts): status and usage first, a date only to tell
 * namesakes apart, prefix and scopes in the tooltip and the filter's quick pick.
 */
import assert from 'node:assert/strict';
import type { PublicApiKey } from '../../../../src/core/api/types';
import { msg } from '../../../../src/core/common/messages';
import { keyPickDescription, keyRowDescription, keyRowSentence, keyStatus, keyTooltipMarkdown, statusPhrase } from '../../../../src/core/keys/status';

const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);
const DAY = 24 * 60 * 60 * 1000;

function key(over: Partial<PublicApiKey> = {}): PublicApiKey {
  return { id: 'k1', name: 'ci-deploy', keyPrefix: 'vued_sk_Q7xZ', scopes: ['read', 'write'], createdAt: NOW - 30 * DAY, lastUsedAt: null, expiresAt: null, revokedAt: null, ...over };
}

const row = (k: PublicApiKey, files: string[] = [], created?: string) => keyRowDescription(k, { status: keyStatus(k, NOW), files, created }, NOW);

describe('key rows', () => {
  it('say the status in words, with the days left when a key expires soon', () => {
    assert.equal(row(key()), 'active');
    assert.equal(row(key({ expiresAt: NOW + 3 * DAY })), 'expires in 3 days');
    assert.equal(row(key({ expiresAt: NOW + 2 * DAY + 1000 })), 'expires in 3 days', 'a day begun counts');
    assert.equal(row(key({ expiresAt: NOW + 5 * 60 * 60 * 1000 })), 'expires within a day');
    assert.equal(row(key({ expiresAt: Math.floor((NOW - DAY) / 1000) })), 'expired');
    assert.equal(row(key({ revokedAt: NOW - 1000 })), 'revoked');
    assert.deepEqual(statusPhrase(key({ expiresAt: NOW + 6 * DAY }), 'expiring', NOW), msg('keys.expiresInDays', 6));
  });

  it('then where the key is used: the file when there is one, else how many; "still" for a key that no longer works', () => {
    assert.equal(row(key(), ['apps/api/.env']), 'active · in .env');
    assert.equal(row(key(), ['apps/api/.env', 'apps/web/.env.local']), 'active · in 2 files');
    assert.equal(row(key({ expiresAt: NOW + 3 * DAY }), ['.env.production']), 'expires in 3 days · in .env.production');
    assert.equal(row(key({ revokedAt: NOW - 1000 }), ['apps/web/.env.local']), 'revoked · still in .env.local');
    assert.equal(row(key({ expiresAt: NOW - DAY }), ['a/.env', 'b/.env']), 'expired · still in 2 files');
  });

  it('then, for a key that shares its name, when it was created; never the prefix or scopes', () => {
    assert.equal(row(key(), ['.env'], '2026-11-01'), 'active · in .env · created 2026-11-01');
    assert.ok(!row(key(), ['.env']).includes('vued_sk_') && !row(key()).includes('read'));
  });

  it('read aloud: the name and the same parts as one sentence', () => {
    const k = key({ expiresAt: NOW + 3 * DAY });
    assert.equal(keyRowSentence(k, { status: 'expiring', files: ['.env'] }, NOW), 'ci-deploy, expires in 3 days, in .env');
  });

  it('keep prefix and scopes in the tooltip, with the status as the row says it', () => {
    const tip = keyTooltipMarkdown(key({ expiresAt: NOW + 3 * DAY }), 'expiring', NOW);
    assert.match(tip, /Status: expires in 3 days/);
    assert.match(tip, /Prefix: `vued_sk_Q7xZ…`/);
    assert.match(tip, /Scopes: `read` `write`/);
  });

  it('in Filter Keys…, which matches prefixes and scopes, show them after the status', () => {
    assert.equal(keyPickDescription(key({ expiresAt: NOW + 3 * DAY }), 'expiring', NOW), 'expires in 3 days · vued_sk_Q7xZ… · read, write');
    assert.equal(keyPickDescription(key({ scopes: [] }), 'active', NOW), 'active · vued_sk_Q7xZ…');
  });
});

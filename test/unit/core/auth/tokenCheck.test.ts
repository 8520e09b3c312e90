/**
 * Checking a token where it is entered (src/core/auth/tokenCheck.ts), with the real client over the
 * real HTTP layer against the local Vued API on 127.0.0.1: which read checks it, what a refusal, a
 * missing read and an unreachable server mean, and that nothing but reads is sent.
 */
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { VuedClient } from '../../../../src/core/api/client';
import { nodeHttp } from '../../../../src/core/api/nodeHttp';
import { checkToken, type TokenCheck } from '../../../../src/core/auth/tokenCheck';
import { english } from '../../../../src/core/common/messages';
import { startVuedApiServer, type VuedApiServer } from '../../../fixtures/vuedApiServer';

const TOKEN = 'unit-check-token-Hq4r';
const ORG = '5b0c2a4e-7f1d-4c8e-9a3b-2d6f8e1c0a97';
const quiet = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

function check(baseUrl: string, token: string, orgId?: string): Promise<TokenCheck> {
  const client = new VuedClient({ baseUrl, getToken: async () => token, fetch: nodeHttp, timeoutMs: 5000, logger: quiet });
  return checkToken({ organizations: (s) => client.checkWithOrganizations(s), keys: (o, s) => client.checkWithKeys(o, s) }, 'the host', orgId);
}

function reason(c: TokenCheck): string {
  return 'reason' in c ? english(c.reason) : '';
}

describe('checkToken', () => {
  const servers: VuedApiServer[] = [];
  async function start(opts: Partial<Parameters<typeof startVuedApiServer>[0]> = {}): Promise<VuedApiServer> {
    const s = await startVuedApiServer({ token: TOKEN, organizations: [{ id: ORG, name: 'Acme' }], ...opts });
    servers.push(s);
    return s;
  }
  after(async () => {
    for (const s of servers) await s.close();
  });

  it('is checked by GET /orgs, a read that changes nothing', async () => {
    const s = await start();
    assert.deepEqual(await check(s.url, TOKEN), { outcome: 'checked', via: 'organizations', account: undefined });
    assert.deepEqual(s.requests.map((r) => `${r.method} ${r.path}`), ['GET /v1/orgs']);
  });

  it('names who the token belongs to when the answer says it', async () => {
    const s = await start({ account: { name: 'Ada Lovelace', email: 'ada@example.com' } });
    const c = await check(s.url, TOKEN);
    assert.equal(c.outcome === 'checked' ? c.account : undefined, 'Ada Lovelace');
  });

  it('is rejected on a 401, with the status and the server\'s words, and never tries another read', async () => {
    const s = await start();
    const c = await check(s.url, 'wrong-token-Zz9', ORG);
    assert.equal(c.outcome, 'rejected');
    assert.match(reason(c), /^the host rejected this token \(401: Invalid token\)/);
    assert.equal(s.requests.length, 1);
  });

  it('is rejected on a 403', async () => {
    const s = await start();
    s.misbehave({ status: 403, body: '{"error":"Forbidden"}', contentType: 'application/json' });
    const c = await check(s.url, TOKEN);
    assert.equal(c.outcome, 'rejected');
    assert.match(reason(c), /refused this token the read of your organizations \(403/);
  });

  it('falls back to the named organization\'s key list where GET /orgs is not offered', async () => {
    const s = await start({ organizations: null });
    assert.deepEqual(await check(s.url, TOKEN, ORG), { outcome: 'checked', via: 'keys', account: undefined });
    assert.deepEqual(s.requests.map((r) => `${r.method} ${r.path}`), ['GET /v1/orgs', `GET /v1/orgs/${ORG}/api-keys`]);
    const wrong = await check(s.url, 'wrong-token-Zz9', ORG);
    assert.equal(wrong.outcome, 'rejected');
  });

  it('is not checkable where no read is offered, and says why', async () => {
    const s = await start({ organizations: null, listKeys: false });
    const withOrg = await check(s.url, TOKEN, ORG);
    assert.equal(withOrg.outcome, 'unchecked');
    assert.match(reason(withOrg), /offers no read that could check it/);
    const without = await check(s.url, TOKEN);
    assert.equal(without.outcome, 'unchecked');
    assert.match(reason(without), /vued\.defaultOrganizationId/);
    assert.ok(s.requests.every((r) => r.method === 'GET'));
  });

  it('is not checkable when the server cannot be reached, and says what happened', async () => {
    const port = await new Promise<number>((resolve) => {
      const srv = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (srv.address() as net.AddressInfo).port;
        srv.close(() => resolve(p));
      });
    });
    const c = await check(`http://127.0.0.1:${port}/v1`, TOKEN, ORG);
    assert.equal(c.outcome, 'unchecked');
    assert.match(reason(c), /refused the connection/);
    assert.ok(!reason(c).includes(TOKEN));
  });

  it('is not checkable on a server error (the token may be fine)', async () => {
    const s = await start();
    s.misbehave({ status: 500, body: 'boom' });
    const c = await check(s.url, TOKEN);
    assert.equal(c.outcome, 'unchecked');
  });
});

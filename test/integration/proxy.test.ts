/**
 * Requests made by the client's HTTP layer (Node's http/https, src/core/api/nodeHttp.ts) inside the
 * extension host, with `http.proxy` set: VS Code's proxy support (which patches Node's http/https
 * for extensions) carries them, except to loopback hosts, which it connects to directly. Both halves are asserted so a change in either shows up here.
 */
import * as assert from 'assert';
import * as http from 'http';
import * as net from 'net';
import * as vscode from 'vscode';
import { TreeCommands } from '../../src/constants';
import type { VuedApiServer } from '../fixtures/vuedApiServer';
import { setSetting, signIn, startApi, testingApi } from '../support/integration';

/** A small forward proxy on 127.0.0.1: absolute-form HTTP requests and CONNECT tunnels, counted. */
async function startProxy(): Promise<{ url: string; seen: string[]; close(): Promise<void> }> {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const target = new URL(req.url ?? '/');
    if (target.hostname !== '127.0.0.1') {
      res.writeHead(502).end();
      return;
    }
    const upstream = http.request(
      { host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method: req.method, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connect', (req, socket) => {
    seen.push(`CONNECT ${req.url}`);
    const [host, port] = String(req.url).split(':');
    if (host !== '127.0.0.1') {
      // Only loopback is ever contacted from tests: other hosts get an answer from the proxy itself.
      socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
      return;
    }
    const up = net.connect(Number(port), host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      up.pipe(socket);
      socket.pipe(up);
    });
    up.on('error', () => socket.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}

describe('proxy support (http.proxy)', () => {
  let server: VuedApiServer;
  let proxy: Awaited<ReturnType<typeof startProxy>>;

  before(async () => {
    proxy = await startProxy();
    server = await startApi();
    await signIn(await testingApi());
  });
  after(async () => {
    await vscode.workspace.getConfiguration('http').update('proxy', undefined, vscode.ConfigurationTarget.Global);
    await setSetting('apiBaseUrl', undefined);
    await server.close();
    await proxy.close();
  });

  it('a request to a loopback API goes direct (VS Code does not proxy loopback)', async () => {
    await vscode.workspace.getConfiguration('http').update('proxy', proxy.url, vscode.ConfigurationTarget.Global);
    await setSetting('apiBaseUrl', server.url);
    const t = await testingApi();
    const org = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
    t.ui.reset();
    t.ui.queue(org, '');
    await vscode.commands.executeCommand(TreeCommands.addOrganization);
    const before = proxy.seen.length;
    t.tree.refresh();
    const row = (await t.tree.roots()).find((r) => r.item.id?.endsWith(`/org:${org}`))!;
    await t.tree.children(row.node);
    console.log(`    proxy: loopback list request: ${server.count('GET', `/orgs/${org}/api-keys`)} direct, ${proxy.seen.length - before} through the proxy`);
    assert.strictEqual(server.count('GET', `/orgs/${org}/api-keys`), 1);
    assert.strictEqual(proxy.seen.length - before, 0);
  });

  it('a request to a non-loopback https API goes through http.proxy as a CONNECT, and its failure is one row', async () => {
    await vscode.workspace.getConfiguration('http').update('proxy', proxy.url, vscode.ConfigurationTarget.Global);
    await setSetting('apiBaseUrl', 'https://api.vued.invalid/v1');
    process.env.VUED_TOKEN = 'proxy-test-token'; // read per request, like a Codespaces secret
    try {
      const t = await testingApi();
      const before = proxy.seen.length;
      t.tree.refresh();
      const roots = await t.tree.roots();
      assert.ok(roots.length > 0, 'organizations are known locally');
      const rows = await t.tree.children(roots[0].node);
      const tunnels = proxy.seen.slice(before).filter((l) => l === 'CONNECT api.vued.invalid:443');
      console.log(`    proxy: ${tunnels.length} CONNECT api.vued.invalid:443 through http.proxy; the row says: ${rows.map((r) => r.item.label).join(' | ')}`);
      assert.ok(tunnels.length >= 1, 'the request went through the proxy');
      assert.strictEqual(rows.length, 1);
      assert.strictEqual(rows[0].item.contextValue, 'loadError');
    } finally {
      delete process.env.VUED_TOKEN;
    }
  });
});

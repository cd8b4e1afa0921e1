import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect as connectTcp } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createEngine } from '../services/api/engine';
import type { Engine } from '../services/api/engine';
import { createMemorySecretStore } from '../services/session/secret-store';
import { startWebHost } from './host';
import type { WebHost } from './host';

let dir: string;
let engine: Engine;
let host: WebHost;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'caredesk-host-'));
  const staticDir = join(dir, 'renderer');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Caredesk</title>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'outside the renderer');
  // Port 9 (discard) on loopback: nothing listens, so sign-in fails as "server unreachable".
  engine = await createEngine({
    dataDir: join(dir, 'engine'),
    serverUrl: 'http://127.0.0.1:9',
    secretStore: createMemorySecretStore(),
  });
  host = await startWebHost({ engine, staticDir, port: 0, secret: 'launch-secret-0123456789' });
});

afterAll(async () => {
  await host.close();
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

function connect(
  path: string,
  origin: string | null = host.origin,
  headers: Record<string, string> = {},
): Promise<WebSocket> {
  const ws = new WebSocket(host.origin.replace('http', 'ws') + path, { ...(origin ? { origin } : {}), headers });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function rawGet(path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(host.origin);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function request(ws: WebSocket, id: number, name: string, input: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      const frame = JSON.parse(data.toString('utf8')) as { id?: number; result?: unknown };
      if (frame.id === id) {
        ws.off('message', onMessage);
        resolve(frame.result);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, name, input }));
  });
}

describe('browser host', () => {
  it('listens on loopback and prints an address carrying the launch secret', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?key=launch-secret-0123456789$/);
  });

  it('serves the renderer with a content security policy, and index.html for app routes', async () => {
    const js = await fetch(`${host.origin}/assets/app.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(js.headers.get('content-security-policy')).toContain("script-src 'self'");
    const route = await fetch(`${host.origin}/inbox`);
    expect(await route.text()).toContain('<title>Caredesk</title>');
  });

  it('never serves files outside the renderer folder', async () => {
    const paths = ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt'];
    for (const path of paths) {
      // A raw request: fetch would normalise the dots away before they reached the host.
      const { body } = await rawGet(path);
      expect(body).not.toContain('outside the renderer');
    }
    expect((await rawGet('/assets/app.js')).body).toContain('console.log');
  });

  it('refuses a WebSocket without the secret, with a wrong one, or from another origin', async () => {
    await expect(connect('/api')).rejects.toThrow('HTTP 403');
    await expect(connect('/api?key=launch-secret-0123456780')).rejects.toThrow('HTTP 403');
    await expect(connect('/api?key=launch-secret-0123456789', 'https://evil.example')).rejects.toThrow('HTTP 403');
    await expect(connect('/api?key=launch-secret-0123456789', null)).rejects.toThrow('HTTP 403');
  });

  it('accepts the page by either loopback name, but not under a rebound DNS name', async () => {
    const port = new URL(host.origin).port;
    const ws = await connect('/api?key=launch-secret-0123456789', `http://localhost:${port}`);
    ws.close();
    await expect(
      connect('/api?key=launch-secret-0123456789', host.origin, { host: `caredesk.attacker.example:${port}` }),
    ).rejects.toThrow('HTTP 403');
  });

  it('survives peers that reset the connection mid-upgrade', async () => {
    const port = Number(new URL(host.origin).port);
    const resets = Array.from({ length: 50 }, () => {
      return new Promise<void>((resolve) => {
        const socket = connectTcp(port, '127.0.0.1', () => {
          socket.write(
            'GET /api HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
              'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
          );
          socket.resetAndDestroy();
        });
        socket.on('error', () => undefined);
        socket.on('close', () => resolve());
      });
    });
    await Promise.all(resets);
    expect((await rawGet('/assets/app.js')).status).toBe(200);
  });

  it('closes a socket that sends a frame over the size limit, and keeps serving', async () => {
    const ws = await connect('/api?key=launch-secret-0123456789');
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.on('error', () => undefined);
    ws.send('x'.repeat(1024 * 1024 + 10));
    expect(await closed).toBe(1009);
    const again = await connect('/api?key=launch-secret-0123456789');
    expect(await request(again, 9, 'session:me', {})).toMatchObject({ ok: true });
    again.close();
  });

  it('answers calls through the contract, with clear errors for bad input and a server that is down', async () => {
    const ws = await connect('/api?key=launch-secret-0123456789');
    try {
      expect(await request(ws, 1, 'session:me', {})).toMatchObject({
        ok: true,
        value: { user: null, secretStore: 'memory' },
      });
      expect(await request(ws, 2, 'inbox:get', { conversationId: 42 })).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
      expect(await request(ws, 3, 'no:such', {})).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(await request(ws, 4, 'session:signIn', { email: 'a@b.c', password: 'x' })).toMatchObject({
        ok: false,
        error: { code: 'server_unreachable' },
      });
    } finally {
      ws.close();
    }
  });

  it('closes a socket that sends a malformed frame', async () => {
    const ws = await connect('/api?key=launch-secret-0123456789');
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('{not json');
    expect(await closed).toBe(1003);
  });
});

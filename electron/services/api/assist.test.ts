import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiCalls, type CallInput, type CallName } from '../../../shared/api';
import type { Shipment } from '../../../shared/domain';
import { createAssistSettings } from '../assist/settings';
import { applyChanges } from '../db/changes';
import { clearAll } from '../db/clear';
import { getMeta } from '../db/meta';
import { createMemorySecretStore, type SecretStore } from '../session/secret-store';
import { changes, conversation, customer, message, order, team, user } from '../testing/fixtures';
import { markSignedIn } from '../testing/signed-in';
import { dispatchCall } from './dispatch';
import { createEngine, type Engine } from './engine';

const NOW = Date.UTC(2026, 11, 6, 10, 0);
const DAY = 86_400_000;
const SERVER = 'http://127.0.0.1:9';
const KEY = 'sk-test-4f1e9c0b7a2d';
const TRACKING = '1Z999AA10123456784';
const LINK = `https://www.ups.com/track?tracknum=${TRACKING}`;

const ups: Shipment = {
  id: 'sh1',
  carrier: 'UPS',
  trackingNumber: TRACKING,
  trackingUrl: LINK,
  status: 'in_transit',
  shippedAt: NOW - 2 * DAY,
  estimatedDelivery: NOW + 2 * DAY,
  deliveredAt: null,
  events: [{ at: NOW - DAY, status: 'in_transit', location: 'Sacramento, CA', description: 'Departed facility' }],
};

/** A local server that speaks the chat-completions API; each test says how it answers. */
interface ModelRequest {
  path: string;
  authorization: string | undefined;
  body: { model: string; messages: { role: string; content: string }[] };
}
let answer: (request: ModelRequest, res: ServerResponse) => void;
const requests: ModelRequest[] = [];
let model: Server;
let modelUrl: string;

function reply(res: ServerResponse, content: string): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      id: 'cmpl-1',
      object: 'chat.completion',
      choices: [{ index: 0, message: { role: 'assistant', content } }],
    }),
  );
}

/** The draft Caredesk sent in the prompt. */
function draftOf(request: ModelRequest): string {
  const user = request.body.messages.find((m) => m.role === 'user')?.content ?? '';
  return user.slice(user.indexOf('Draft reply:\n') + 'Draft reply:\n'.length);
}

let dir: string;
let engine: Engine;
let secretStore: SecretStore;

async function call<N extends CallName>(name: N, input: CallInput<N>) {
  return dispatchCall(engine.handlers, name, input);
}

async function suggestions(conversationId: string, phrase: boolean) {
  const result = await call('suggestions:forConversation', { conversationId, phrase });
  if (!result.ok) throw new Error(result.error.message);
  return apiCalls['suggestions:forConversation'].output.parse(result.value);
}

function actAs(role: 'admin' | 'rep'): void {
  applyChanges(engine.db, changes(user('u1', { role })));
}

async function turnOn(): Promise<void> {
  actAs('admin');
  const saved = await call('assist:save', { enabled: true, url: `${modelUrl}/v1`, model: 'care-small', key: KEY });
  expect(saved).toMatchObject({ ok: true });
}

beforeAll(async () => {
  model = createServer((req: IncomingMessage, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      const request = {
        path: req.url ?? '',
        authorization: req.headers.authorization,
        body: JSON.parse(raw) as ModelRequest['body'],
      };
      requests.push(request);
      answer(request, res);
    });
  });
  await new Promise<void>((resolve) => model.listen(0, '127.0.0.1', resolve));
  modelUrl = `http://127.0.0.1:${(model.address() as AddressInfo).port}`;

  dir = mkdtempSync(join(tmpdir(), 'caredesk-assist-'));
  secretStore = createMemorySecretStore();
  engine = await createEngine({
    dataDir: dir,
    serverUrl: SERVER,
    secretStore,
    clock: () => NOW,
    log: () => {},
    assist: { timeoutMs: 400 },
  });
  const db = engine.db;
  await markSignedIn(db, secretStore, SERVER, 'u1');
  applyChanges(
    db,
    changes(
      team('t1'),
      user('u1'),
      customer('cu1', { name: 'Maya Lopez' }),
      order('1042', { customerId: 'cu1', placedAt: NOW - 4 * DAY, shipments: [ups] }),
      conversation('c1', { customerId: 'cu1', channel: 'email' }),
      message('m1', {
        conversationId: 'c1',
        body: 'Where is my order #1042? It has not arrived.',
        createdAt: NOW - 3_600_000,
      }),
    ),
  );
  await engine.start();
});

afterAll(async () => {
  await engine.close();
  await new Promise<void>((resolve) => model.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  requests.length = 0;
  answer = (request, res) => reply(res, `Thank you for your patience.\n\n${draftOf(request)}`);
});

describe('the language model is off until an admin turns it on', () => {
  it('sends nothing anywhere while off, even when the renderer asks for phrasing', async () => {
    const result = await suggestions('c1', true);
    expect(result.assist).toBe('off');
    expect(result.suggestions.length).toBeGreaterThan(0);
    expect(result.suggestions.every((s) => s.phrasedBy === 'caredesk')).toBe(true);
    expect(requests).toHaveLength(0);
  });

  it('refuses a rep who tries to change the settings, and an admin who turns it on without a key', async () => {
    actAs('rep');
    expect(await call('assist:save', { enabled: true, url: `${modelUrl}/v1`, model: 'm', key: KEY })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    actAs('admin');
    expect(await call('assist:save', { enabled: true, url: `${modelUrl}/v1`, model: 'm' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'To turn the language model on, enter a key.' },
    });
    expect(await call('assist:save', { enabled: true, url: 'ftp://x', model: 'm', key: KEY })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await call('assist:get', {})).toMatchObject({ ok: true, value: { enabled: false, hasKey: false } });
  });
});

describe('with the language model on', () => {
  beforeAll(turnOn);

  it('keeps the key in the secret store and never in the cache files', async () => {
    expect(await call('assist:get', {})).toMatchObject({
      ok: true,
      value: { enabled: true, url: `${modelUrl}/v1`, model: 'care-small', hasKey: true, keyStore: 'memory' },
    });
    engine.db.pragma('wal_checkpoint(TRUNCATE)');
    for (const file of readdirSync(dir)) expect(readFileSync(join(dir, file)).includes(KEY)).toBe(false);
  });

  it('asks nothing until the renderer asks for phrasing, then uses the model’s wording when it passes every check', async () => {
    const plain = await suggestions('c1', false);
    expect(plain.assist).toBe('on');
    expect(requests).toHaveLength(0);

    const phrased = await suggestions('c1', true);
    const sendable = plain.suggestions.filter((s) => s.sendable);
    expect(requests).toHaveLength(sendable.length);
    expect(requests[0]).toMatchObject({ path: '/v1/chat/completions', authorization: `Bearer ${KEY}` });
    expect(requests[0]?.body.model).toBe('care-small');
    expect(requests[0]?.body.messages[1]?.content).toContain('Where is my order #1042?');
    const best = phrased.suggestions[0];
    expect(best).toMatchObject({ phrasedBy: 'model', sendable: true, phrasingNote: null });
    expect(best?.text).toBe(`Thank you for your patience.\n\n${plain.suggestions[0]?.text}`);
    expect(phrased.phrasingNote).toBeNull();
  });

  it('refuses a reply with an invented tracking number and keeps Caredesk’s wording, saying why', async () => {
    answer = (request, res) => reply(res, `${draftOf(request)}\nYour new tracking number is 1Z999AA10999999999.`);
    const plain = await suggestions('c1', false);
    const phrased = await suggestions('c1', true);
    const best = phrased.suggestions[0];
    expect(best).toMatchObject({ phrasedBy: 'caredesk', sendable: true, text: plain.suggestions[0]?.text });
    expect(best?.phrasingNote).toContain('1Z999AA10999999999 is not the tracking number');
    expect(phrased.phrasingNote).toContain('Caredesk’s own wording is shown');
  });

  it('refuses a reply that leaves out the tracking link', async () => {
    answer = (request, res) => reply(res, draftOf(request).replace(LINK, 'the carrier’s website'));
    const phrased = await suggestions('c1', true);
    const tracking = phrased.suggestions.find((s) => s.facts.some((f) => f.value === LINK));
    expect(tracking).toMatchObject({ phrasedBy: 'caredesk' });
    expect(tracking?.text).toContain(LINK);
    expect(tracking?.phrasingNote).toContain(`left out ${LINK}`);
  });

  it('falls back to Caredesk’s wording when the model is slower than its deadline', async () => {
    answer = (request, res) => setTimeout(() => reply(res, draftOf(request)), 2_000).unref();
    const phrased = await suggestions('c1', true);
    expect(phrased.suggestions.every((s) => s.phrasedBy === 'caredesk')).toBe(true);
    expect(phrased.phrasingNote).toContain('did not answer in time');
  });

  it('shows the provider’s own error, and the test button reports it', async () => {
    answer = (_request, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'Incorrect API key provided', type: 'invalid_request_error' } }));
    };
    const phrased = await suggestions('c1', true);
    expect(phrased.phrasingNote).toContain('HTTP 401: Incorrect API key provided');
    expect(await call('assist:test', {})).toMatchObject({
      ok: true,
      value: { ok: false, message: expect.stringContaining('HTTP 401') as unknown },
    });
    answer = (_request, res) => reply(res, 'ready');
    expect(await call('assist:test', {})).toMatchObject({
      ok: true,
      value: { ok: true, message: expect.stringContaining('care-small answered') as unknown },
    });
  });

  it('keeps the settings through a sign-out, which clears everything a rep synced', async () => {
    clearAll(engine.db);
    const settings = createAssistSettings(engine.db, secretStore, getMeta(engine.db, 'install_id') ?? '');
    expect(await settings.read()).toMatchObject({ enabled: true, model: 'care-small', hasKey: true });
    expect(await settings.target()).toEqual({ url: `${modelUrl}/v1`, model: 'care-small', key: KEY });
  });
});

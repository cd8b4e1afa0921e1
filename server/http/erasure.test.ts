// An admin erases a customer: every table file, the change log and the audit log lose them, on
// PGlite persisted to a folder and on PostgreSQL, and a control customer stays whole.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpRoutes } from '../../shared/sync/http';
import { getUser } from '../db/accounts';
import { latestSeq } from '../db/changes';
import type { Sql } from '../db/sql';
import { createTestPostgres, testOrder } from '../db/testing';
import { applyAction } from '../services/actions/apply';
import { storeImport } from '../services/import/store';
import { startTestServer } from '../testing';
import type { TestServer } from '../testing';

const NOW = Date.UTC(2026, 11, 7, 9);

/** What only the erased customer's records hold: each must leave every table file. */
const ERASED = {
  name: 'Zebulon Quartzfeather',
  email: 'zebulon.quartzfeather@erasure.example',
  phone: '+14155550177',
  inbound: 'my parcel code is xylophone-marmalade-7731',
  reply: 'we sent tangerine-viaduct-5520 to you',
  note: 'customer mentioned gooseberry-carousel-3391',
  order: '#90417',
};
/** A customer a lead merged into the erased one: theirs goes too (the merge record holds their row). */
const MERGED = {
  name: 'Wilhelmina Stoatgrove',
  email: 'wilhelmina.stoatgrove@erasure.example',
  phone: '+14155550166',
  inbound: 'second number here, ask for juniper-escalator-4410',
};
/** The control customer's, which must stay. */
const CONTROL = {
  name: 'Philippa Marchbanks',
  email: 'philippa.marchbanks@control.example',
  phone: '+14155550188',
  inbound: 'is order #90417 shipped? asks periwinkle-lantern-8842',
};

interface Backend {
  kind: 'pglite' | 'postgres';
  start(): Promise<{ server: TestServer; files: () => Promise<string[]>; dispose: () => Promise<void> }>;
}

/** Every file under `dir`, except `skip`. */
async function filesUnder(dir: string, skip: (path: string) => boolean = () => false): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => !skip(path));
}

const backends: Backend[] = [
  {
    kind: 'pglite',
    start: async () => {
      const server = await startTestServer({ demoConversations: 0, clock: () => NOW });
      const dir = join(server.dataDir, 'pg');
      return {
        server,
        // The write-ahead log is not a table file: README "Erasure" says what it keeps, and for how long.
        files: () => filesUnder(dir, (path) => path.startsWith(join(dir, 'pg_wal'))),
        dispose: () => server.close(),
      };
    },
  },
  {
    kind: 'postgres',
    start: async () => {
      const database = await createTestPostgres();
      const server = await startTestServer({ demoConversations: 0, clock: () => NOW, databaseUrl: database.url });
      return {
        server,
        // Every file of this database: each relation (TOAST tables and indexes included) and what
        // VACUUM FULL left behind. Readable because the tests run on the server's machine.
        files: async () => {
          const [where] = await server.sql.query<{ dir: string; oid: number }>(
            `select current_setting('data_directory') as dir, oid::int as oid from pg_database
             where datname = current_database()`,
          );
          if (!where) throw new Error('no data directory');
          const relations = await server.sql.query<{ path: string }>(
            `select pg_relation_filepath(oid) as path from pg_class
             where pg_relation_filepath(oid) like 'base/' || $1 || '/%'`,
            [where.oid],
          );
          // The scan must cover every relation file the catalog names.
          const files = await filesUnder(join(where.dir, 'base', String(where.oid)));
          for (const { path } of relations) expect(files).toContain(join(where.dir, path));
          return files;
        },
        dispose: async () => {
          await server.close();
          await database.drop();
        },
      };
    },
  },
];

const selected = process.env.CAREDESK_SKIP_POSTGRES === '1' ? backends.slice(0, 1) : backends;

/** Which of `strings` some file holds (as UTF-8), after a checkpoint wrote every page out. */
async function foundIn(sql: Sql, files: () => Promise<string[]>, strings: readonly string[]): Promise<string[]> {
  await sql.query('checkpoint');
  const found = new Set<string>();
  for (const file of await files()) {
    const bytes = await readFile(file);
    for (const text of strings) if (bytes.includes(Buffer.from(text, 'utf8'))) found.add(text);
  }
  return [...found].sort();
}

async function importCustomer(sql: Sql, id: string, who: typeof CONTROL, order?: string): Promise<void> {
  await storeImport(
    sql,
    {
      customers: [
        {
          id,
          name: who.name,
          emails: [who.email],
          phones: [who.phone],
          orders: order ? [testOrder({ id: `order-${id}`, customerId: id, number: order }, NOW - 86_400_000)] : [],
          lines: [1],
        },
      ],
      rejected: [],
    },
    { source: 'test', now: NOW, partial: false },
  );
}

describe.each(selected)('customer erasure on $kind', (backend) => {
  let started: Awaited<ReturnType<Backend['start']>>;
  let server: TestServer;
  let sql: Sql;
  const tokens: Record<'admin' | 'lead' | 'rep', string> = { admin: '', lead: '', rep: '' };
  let erasedConversation = '';
  let controlConversation = '';
  let mergedConversation = '';

  const erase = async (token: string | null, customerId: string, confirmName: string) => {
    const response = await fetch(new URL(HttpRoutes.customerErasure(customerId), server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ confirmName }),
    });
    return { status: response.status, body: await response.json() };
  };

  beforeAll(async () => {
    started = await backend.start();
    server = started.server;
    sql = server.sql;
    tokens.admin = (await server.signIn('admin@northwind.example')).token;
    tokens.lead = (await server.signIn('lead01@northwind.example')).token;
    tokens.rep = (await server.signIn('rep01@northwind.example')).token;
    await importCustomer(sql, 'cust-erased', ERASED, ERASED.order);
    await importCustomer(sql, 'cust-control', CONTROL);
    await importCustomer(sql, 'cust-merged', MERGED);
    const inbound = async (from: string, body: string) => {
      const response = await fetch(new URL('/api/inbound', server.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.lead}` },
        body: JSON.stringify({ channel: 'sms', from, body }),
      });
      expect(response.status).toBe(201);
      return ((await response.json()) as { conversationId: string }).conversationId;
    };
    erasedConversation = await inbound(ERASED.phone, ERASED.inbound);
    // The control quotes the erased customer's order: a suggestion naming them lands on its conversation.
    controlConversation = await inbound(CONTROL.phone, CONTROL.inbound);
    const lead = await getUser(sql, 'user-lead01');
    if (!lead) throw new Error('no lead');
    const act = (id: string, action: Parameters<typeof applyAction>[2]['action']) =>
      applyAction(sql, lead, { id, action }, NOW);
    await act('erasure-test-reply', {
      type: 'reply',
      conversationId: erasedConversation,
      seenAssigneeId: null,
      body: ERASED.reply,
    });
    await act('erasure-test-note', {
      type: 'note',
      conversationId: erasedConversation,
      seenAssigneeId: null,
      body: ERASED.note,
    });
    mergedConversation = await inbound(MERGED.phone, MERGED.inbound);
    await act('erasure-test-link', {
      type: 'link',
      conversationId: mergedConversation,
      seenAssigneeId: null,
      customerId: 'cust-erased',
    });
    expect(await sql.query('select source_customer_id from merges')).toEqual([{ source_customer_id: 'cust-merged' }]);
  });

  afterAll(async () => {
    await started?.dispose();
  });

  it('refuses reps, leads, a missing token, a wrong name and an unknown id, and changes nothing', async () => {
    const seq = await latestSeq(sql);
    const audit = await sql.query('select count(*)::int as n from audit_log');
    expect(await erase(tokens.rep, 'cust-erased', ERASED.name)).toEqual({
      status: 403,
      body: { code: 'forbidden', message: 'Only admins may erase a customer.' },
    });
    expect(await erase(tokens.lead, 'cust-erased', ERASED.name)).toEqual({
      status: 403,
      body: { code: 'forbidden', message: 'Only admins may erase a customer.' },
    });
    expect((await erase(null, 'cust-erased', ERASED.name)).status).toBe(401);
    const get = await fetch(new URL(HttpRoutes.customerErasure('cust-erased'), server.url));
    expect([get.status, get.headers.get('allow')]).toEqual([405, 'POST']);
    expect(await erase(tokens.admin, 'cust-erased', 'Zebulon')).toEqual({
      status: 400,
      body: {
        code: 'invalid_input',
        message: 'The name typed does not match the customer’s name: nothing was erased.',
      },
    });
    expect(await erase(tokens.admin, 'cust-nobody', 'Nobody')).toEqual({
      status: 404,
      body: { code: 'not_found', message: 'That customer does not exist (any more).' },
    });
    expect((await erase(tokens.admin, 'cust-erased\u0000', ERASED.name)).status).toBe(400);
    expect(await latestSeq(sql)).toBe(seq);
    expect(await sql.query('select count(*)::int as n from audit_log')).toEqual(audit);
    expect(await sql.query(`select name from customers where id = 'cust-erased'`)).toEqual([{ name: ERASED.name }]);
    expect(
      await sql.query('select count(*)::int as n from messages where conversation_id = $1', [erasedConversation]),
    ).toEqual([{ n: 2 }]);
  });

  it('leaves no table file, change-log row or audit row holding the customer, and the control whole', async () => {
    const erasedStrings = [...Object.values(ERASED), ...Object.values(MERGED)];
    const controlStrings = Object.values(CONTROL);
    // The files held it all before (so the scan below can fail).
    expect(await foundIn(sql, started.files, [...erasedStrings, ...controlStrings])).toEqual(
      [...erasedStrings, ...controlStrings].sort(),
    );
    const [suggested] = await sql.query<{ ids: string[] }>(
      `select coalesce(array_agg(s ->> 'customerId'), '{}') as ids
       from conversations, jsonb_array_elements(link_suggestions) as s where id = $1`,
      [controlConversation],
    );
    expect(suggested?.ids).toEqual(['cust-erased']);
    const seq = await latestSeq(sql);
    // Every entity of the customer had audit rows (so the check below can fail).
    const entities = await sql.query<{ id: string }>(
      `select id from identities where customer_id = 'cust-erased'
       union all select id from orders where customer_id = 'cust-erased'
       union all select id from conversations where customer_id = 'cust-erased'
       union all select m.id from messages m join conversations c on c.id = m.conversation_id
         where c.customer_id = 'cust-erased'
       union all select n.id from notes n join conversations c on c.id = n.conversation_id
         where c.customer_id = 'cust-erased'`,
    );
    const entityIds = ['cust-erased', 'cust-merged', ...entities.map((row) => row.id)];
    // 4 identities (2 merged in), 1 order, 2 conversations, 3 messages, 1 note.
    expect(entities).toHaveLength(11);
    const audited = await sql.query<{ entity_id: string }>(
      'select distinct entity_id from audit_log where entity_id = any($1::text[])',
      [entityIds],
    );
    expect(audited.length).toBeGreaterThanOrEqual(5);

    expect(await erase(tokens.admin, 'cust-erased', '  zebulon   QUARTZFEATHER ')).toEqual({
      status: 200,
      body: {
        customerId: 'cust-erased',
        erased: { customers: 1, identities: 4, orders: 1, conversations: 2, messages: 3, notes: 1 },
        vacuumed: true,
      },
    });

    // No table file: only the order number stays, in the control's own words.
    expect(await foundIn(sql, started.files, [...erasedStrings, ...controlStrings])).toEqual(
      [...controlStrings, ERASED.order].sort(),
    );
    expect(await sql.query('select * from merges')).toEqual([]);
    for (const table of ['customers', 'identities', 'orders', 'conversations', 'messages', 'notes', 'merges']) {
      const rows = await sql.query<{ row: string }>(`select t::text as row from ${table} t`);
      for (const text of erasedStrings.filter((value) => value !== ERASED.order)) {
        expect(
          rows.filter((row) => row.row.includes(text)),
          `${table} ${text}`,
        ).toEqual([]);
      }
    }
    expect(await sql.query(`select name from customers where id = 'cust-control'`)).toEqual([{ name: CONTROL.name }]);
    expect(await sql.query('select link_suggestions from conversations where id = $1', [controlConversation])).toEqual([
      { link_suggestions: [] },
    ]);
    const results = await sql.query<{ result: string }>('select result::text as result from applied_actions');
    expect(results.filter((row) => row.result.includes(ERASED.reply) || row.result.includes(ERASED.note))).toEqual([]);

    // The change log, read from 0, carries nothing of it: its versions are deletions now.
    const log = await sql.query<{ seq: string; kind: string; entity_id: string; payload: string; team_id: string }>(
      'select seq::text, kind, entity_id, payload::text as payload, team_id from changes order by seq',
    );
    for (const text of erasedStrings.filter((value) => value !== ERASED.order))
      expect(
        log.filter((row) => row.payload.includes(text)),
        text,
      ).toEqual([]);
    expect(log.filter((row) => entityIds.includes(row.entity_id) && row.kind !== 'delete')).toEqual([]);
    // And deletions were appended for the team that holds it, to reach connected engines now.
    expect(
      log
        .filter((row) => Number(row.seq) > seq && row.kind === 'delete')
        .map((row) => `${row.team_id} ${row.payload}`)
        .sort(),
    ).toEqual(
      [
        `team-orders {"id": "${erasedConversation}", "entity": "conversation"}`,
        `team-orders {"id": "${mergedConversation}", "entity": "conversation"}`,
        `team-orders {"id": "cust-erased", "entity": "customer"}`,
        `team-orders {"id": "cust-merged", "entity": "customer"}`,
        `team-orders {"id": "order-cust-erased", "entity": "order"}`,
      ].sort(),
    );
    expect(log.find((row) => Number(row.seq) > seq && row.entity_id === controlConversation)?.kind).toBe(
      'conversation',
    );

    // The audit log keeps only that the erasure happened, by whom, when.
    const audit = await sql.query<Record<string, unknown>>(
      `select entity_kind, entity_id, actor, type, at::text as at, before, after from audit_log
       where entity_id = any($1::text[]) order by id`,
      [entityIds],
    );
    expect(audit).toEqual([
      {
        entity_kind: 'customer',
        entity_id: 'cust-erased',
        actor: 'user-admin',
        type: 'erasure',
        at: String(NOW),
        before: null,
        after: { erased: true },
      },
    ]);
    const auditText = await sql.query<{ row: string }>('select t::text as row from audit_log t');
    for (const text of erasedStrings)
      expect(
        auditText.filter((row) => row.row.includes(text)),
        text,
      ).toEqual([]);
    expect(await sql.query(`select count(*)::int as n from audit_log where entity_id = 'cust-control'`)).not.toEqual([
      { n: 0 },
    ]);
  });
});

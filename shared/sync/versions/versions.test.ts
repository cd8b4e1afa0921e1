import { describe, expect, it } from 'vitest';
import { Change as ChangeSchema, currentChangeReader, SYNC_PROTOCOL, versionRefusal } from '../protocol';
import type { Change } from '../protocol';
import { FROZEN_CHANGE_SCHEMAS, frozenChangeReader, wireSnapshot, wireSnapshotText } from './index';

const message = (status: string): unknown => ({
  seq: 7,
  actionId: null,
  kind: 'message',
  data: {
    id: 'm1',
    conversationId: 'c1',
    channel: 'sms',
    direction: 'outbound',
    authorId: 'u1',
    body: 'Your parcel left the warehouse on Tuesday.',
    createdAt: 1,
    status,
    clientId: null,
  },
});

describe('sync protocol versions', () => {
  it(`freezes this version's change schema in versions/v${SYNC_PROTOCOL.version}.json`, async () => {
    // A new version's file is written by this very test (vitest writes a missing file snapshot);
    // a frozen one that no longer matches means the wire changed without a new version.
    await expect(wireSnapshotText(ChangeSchema)).toMatchFileSnapshot(`./v${SYNC_PROTOCOL.version}.json`);
    expect(FROZEN_CHANGE_SCHEMAS[SYNC_PROTOCOL.version], 'add the new file to FROZEN_CHANGE_SCHEMAS').toEqual(
      wireSnapshot(ChangeSchema),
    );
  });

  it('keeps a frozen change schema for every version the server still serves', () => {
    for (let version = SYNC_PROTOCOL.minCompatible; version <= SYNC_PROTOCOL.version; version++) {
      expect(FROZEN_CHANGE_SCHEMAS[version], `versions/v${version}.json`).toBeDefined();
    }
  });

  it('reads with a frozen version exactly what that version could: version 3 skips a read message, 4 reads it', () => {
    const v3 = frozenChangeReader(3);
    const v4 = frozenChangeReader(4);
    expect(v3.read(message('delivered'))).toMatchObject({ kind: 'message', data: { status: 'delivered' } });
    expect(v3.read(message('read'))).toBeNull();
    expect(v4.read(message('read'))).toMatchObject({ kind: 'message', data: { status: 'read' } });
    expect(currentChangeReader.read(message('read'))).toEqual(v4.read(message('read')));
  });

  it('skips what no version knows: a new kind, a change without a seq, fields of the wrong type', () => {
    const unknownKind = { seq: 8, actionId: null, kind: 'attachment', data: { id: 'a1' } };
    const noSeq = { ...(message('sent') as Record<string, unknown>), seq: undefined };
    const badTime = { ...(message('sent') as { data: object }), data: { createdAt: 'yesterday' } };
    for (const reader of [frozenChangeReader(3), currentChangeReader]) {
      expect([unknownKind, noSeq, badTime, null, 'text'].map((raw) => reader.read(raw))).toEqual([
        null,
        null,
        null,
        null,
        null,
      ]);
    }
  });

  it('still reads a change carrying a field it does not know (an optional field added later)', () => {
    const withExtra = { ...(message('sent') as Record<string, unknown>), origin: 'provider' };
    const read: Change | null = frozenChangeReader(3).read(withExtra);
    expect(read).toMatchObject({ seq: 7, kind: 'message' });
  });

  it('refuses engines outside the range at the handshake, each with the code it understands', () => {
    const server = { version: 6, minCompatible: 4 };
    expect([4, 5, 6].map((version) => versionRefusal(version, server))).toEqual([null, null, null]);
    expect(versionRefusal(3, server)).toBe('update_required');
    expect(versionRefusal(7, server)).toBe('server_outdated');
    // Engines before 3 stop on protocol_mismatch and ask for an update; anything else they retry forever.
    expect(versionRefusal(2, server)).toBe('protocol_mismatch');
    expect(versionRefusal(2)).toBe('protocol_mismatch');
    expect(versionRefusal(SYNC_PROTOCOL.version)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { attachmentKind, describeAttachment, formatBytes } from './attachments';
import { webUrl } from './links';

const attachment = { url: null, providerMediaId: null, size: null, filename: null };

describe('attachments in the thread', () => {
  it('names each kind by its content type, whatever its case', () => {
    expect(['image/JPEG', 'video/mp4', 'audio/ogg', 'application/pdf', 'text/vcard'].map(attachmentKind)).toEqual([
      'photo',
      'video',
      'audio',
      'file',
      'file',
    ]);
  });

  it('formats sizes in bytes, KB and MB', () => {
    expect([0, 1023, 1024, 1536, 5 * 1024 * 1024 + 300_000].map(formatBytes)).toEqual([
      '0 B',
      '1023 B',
      '1 KB',
      '1.5 KB',
      '5.3 MB',
    ]);
  });

  it("shows an email attachment's file name, else its kind, with its type and size when known", () => {
    expect(
      describeAttachment({ ...attachment, contentType: 'application/pdf', size: 2048, filename: 'receipt.pdf' }),
    ).toEqual({ kind: 'file', name: 'receipt.pdf', details: 'application/pdf · 2 KB' });
    expect(describeAttachment({ ...attachment, contentType: 'image/jpeg', filename: '  ' })).toEqual({
      kind: 'photo',
      name: 'Photo',
      details: 'image/jpeg',
    });
    expect(describeAttachment({ ...attachment, contentType: 'audio/ogg' }).name).toBe('Voice note');
  });

  it('opens only web links', () => {
    expect(webUrl('https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1')).toBe(
      'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1',
    );
    expect([webUrl('javascript:alert(1)'), webUrl('file:///etc/passwd'), webUrl('not a url'), webUrl(null)]).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });
});

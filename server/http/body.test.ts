import { describe, expect, it } from 'vitest';
import { parseBody } from './body';

const BOUNDARY = '----caredesk';

function multipart(parts: string[]): Buffer {
  return Buffer.from(`${parts.map((part) => `--${BOUNDARY}\r\n${part}\r\n`).join('')}--${BOUNDARY}--\r\n`);
}

describe('request bodies parsed by content type', () => {
  it('reads JSON, refusing text that is not JSON', async () => {
    expect(await parseBody(Buffer.from('{"a":[1,"\\u2019"]}'), 'application/json; charset=utf-8')).toEqual({
      kind: 'json',
      value: { a: [1, '\u2019'] },
    });
    await expect(parseBody(Buffer.from('{"a":'), 'application/json')).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });

  it('decodes a URL-encoded form in order, with + as a space, %2B as a plus and repeated keys kept', async () => {
    const body = await parseBody(
      Buffer.from('Body=Where+is+my+order+%231001%3F&From=%2B14155550123&MediaUrl=a&MediaUrl=b&Empty='),
      'application/x-www-form-urlencoded',
    );
    expect(body).toEqual({
      kind: 'form',
      fields: [
        ['Body', 'Where is my order #1001?'],
        ['From', '+14155550123'],
        ['MediaUrl', 'a'],
        ['MediaUrl', 'b'],
        ['Empty', ''],
      ],
    });
  });

  it('reads multipart fields and files, keeping each file with its type and size', async () => {
    const raw = multipart([
      'Content-Disposition: form-data; name="subject"\r\n\r\nRe: Your order #1001',
      'Content-Disposition: form-data; name="attachment1"; filename="label.png"\r\nContent-Type: image/png\r\n\r\nPNGDATA',
    ]);
    const body = await parseBody(raw, `multipart/form-data; boundary=${BOUNDARY}`);
    expect(body).toMatchObject({
      kind: 'multipart',
      fields: [['subject', 'Re: Your order #1001']],
      files: [{ field: 'attachment1', filename: 'label.png', contentType: 'image/png', size: 7 }],
    });
  });

  it('refuses a multipart body without a boundary, and a type it does not read (415)', async () => {
    await expect(parseBody(Buffer.from('x'), 'multipart/form-data')).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(parseBody(Buffer.from('<x/>'), 'application/xml')).rejects.toMatchObject({ status: 415 });
  });

  it('answers an empty body as empty whatever its declared type', async () => {
    expect(await parseBody(Buffer.alloc(0), 'application/json')).toEqual({ kind: 'empty' });
  });
});

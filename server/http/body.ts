import { Readable } from 'node:stream';
import busboy from 'busboy';
import { CaredeskError } from '../../shared/domain/errors';
import { HttpError, parseJson } from './json';

/** A file part of a multipart body: its bytes stay here, what is kept of it is its description. */
export interface UploadedFile {
  field: string;
  filename: string | null;
  contentType: string;
  size: number;
  content: Buffer;
}

/** A request body parsed by its content type; fields keep their order and repeated names. */
export type ParsedBody =
  | { kind: 'json'; value: unknown }
  | { kind: 'form'; fields: [string, string][] }
  | { kind: 'multipart'; fields: [string, string][]; files: UploadedFile[] }
  | { kind: 'empty' };

/** The media type of a Content-Type header, lower-cased, without its parameters. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** `application/x-www-form-urlencoded`, decoded (`+` as space), every pair in order. */
export function parseForm(raw: Buffer): [string, string][] {
  return [...new URLSearchParams(raw.toString('utf8'))];
}

/** Parses raw bytes by `Content-Type`: JSON, a URL-encoded form, multipart form data; other types are refused. */
export async function parseBody(raw: Buffer, contentType: string | undefined): Promise<ParsedBody> {
  const type = mediaType(contentType);
  if (raw.length === 0) return { kind: 'empty' };
  if (type === 'application/json' || type.endsWith('+json')) return { kind: 'json', value: parseJson(raw) };
  if (type === 'application/x-www-form-urlencoded') return { kind: 'form', fields: parseForm(raw) };
  if (type === 'multipart/form-data') return parseMultipart(raw, contentType ?? '');
  throw new HttpError(415, 'invalid_input', `A body of type "${type || 'none'}" is not accepted here.`);
}

/** Multipart form data through busboy, from bytes already read (and already size-limited). */
async function parseMultipart(raw: Buffer, contentType: string): Promise<ParsedBody> {
  const fields: [string, string][] = [];
  const files: UploadedFile[] = [];
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: { 'content-type': contentType }, defParamCharset: 'utf8' });
  } catch (error) {
    throw new CaredeskError('invalid_input', `The multipart body cannot be read: ${messageOf(error)}.`);
  }
  await new Promise<void>((resolve, reject) => {
    parser.on('field', (name, value) => fields.push([name, value]));
    parser.on('file', (field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const content = Buffer.concat(chunks);
        files.push({
          field,
          filename: info.filename ?? null,
          contentType: info.mimeType,
          size: content.length,
          content,
        });
      });
    });
    parser.on('close', resolve);
    parser.on('error', (error) =>
      reject(new CaredeskError('invalid_input', `The multipart body cannot be read: ${messageOf(error)}.`)),
    );
    Readable.from([raw]).pipe(parser);
  });
  return { kind: 'multipart', fields, files };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

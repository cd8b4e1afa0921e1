import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

type StaticFile = { status: 200; type: string; body: Buffer } | { status: 404 };

/** Reads a file of the built renderer; unknown paths without an extension get index.html. */
export async function readStatic(root: string, urlPath: string): Promise<StaticFile> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { status: 404 };
  }
  const relative = normalize(decoded).replace(/^([/\\])+/, '');
  const target = join(root, relative === '' ? 'index.html' : relative);
  if (target !== root && !target.startsWith(root + sep)) return { status: 404 };
  const file = extname(target) === '' ? join(root, 'index.html') : target;
  try {
    const body = await readFile(file);
    return { status: 200, type: TYPES[extname(file)] ?? 'application/octet-stream', body };
  } catch {
    return { status: 404 };
  }
}

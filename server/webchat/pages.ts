import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The embed script, the chat window and its script and styles, read once. */
const asset = (name: string): string => readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8');

const FRAME_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Chat</title>
    <link rel="stylesheet" href="/webchat/frame.css" />
  </head>
  <body>
    <main aria-label="Chat">
      <header>
        <h1 id="brand">Chat</h1>
        <button id="close" type="button" aria-label="Close the chat">&times;</button>
      </header>
      <p id="status" role="status"></p>
      <ol id="thread" aria-label="Messages" aria-live="polite"></ol>
      <form id="composer">
        <label class="sr" for="name">Your name (optional)</label>
        <input id="name" autocomplete="name" maxlength="100" placeholder="Your name (optional)" />
        <label class="sr" for="email">Your email (optional): it helps us find your order</label>
        <input
          id="email"
          type="email"
          autocomplete="email"
          maxlength="320"
          placeholder="Your email (optional): it helps us find your order"
        />
        <label class="sr" for="body">Message</label>
        <textarea id="body" rows="2" maxlength="2000" placeholder="Write a message…"></textarea>
        <button id="send" type="submit">Send</button>
      </form>
      <p id="error" role="alert"></p>
    </main>
    <script src="/socket.io/socket.io.min.js"></script>
    <script src="/webchat/frame.js"></script>
  </body>
</html>
`;

interface Page {
  type: string;
  body: string;
  /** The embed script is fetched by any shop's page; the window only by Caredesk's own frame. */
  crossOrigin: boolean;
}

const PAGES: Record<string, Page> = {
  '/webchat.js': { type: 'text/javascript; charset=utf-8', body: asset('loader.js'), crossOrigin: true },
  '/webchat/frame': { type: 'text/html; charset=utf-8', body: FRAME_HTML, crossOrigin: false },
  '/webchat/frame.js': { type: 'text/javascript; charset=utf-8', body: asset('frame.js'), crossOrigin: false },
  '/webchat/frame.css': { type: 'text/css; charset=utf-8', body: asset('frame.css'), crossOrigin: false },
};

/** The window may be framed by any shop, and loads and connects to nothing but this server. */
const FRAME_POLICY =
  "default-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors *; base-uri 'none'; form-action 'none'";

function servePage(page: Page, res: ServerResponse): void {
  const headers: Record<string, string | number> = {
    'content-type': page.type,
    'content-length': Buffer.byteLength(page.body),
    'cache-control': 'public, max-age=300',
    'x-content-type-options': 'nosniff',
  };
  if (page.crossOrigin) headers['access-control-allow-origin'] = '*';
  else headers['content-security-policy'] = FRAME_POLICY;
  res.writeHead(200, headers);
  res.end(page.body);
}

/** `[path, method, handler]` for the HTTP routes table. */
export const WEBCHAT_PAGE_ROUTES = Object.entries(PAGES).map(
  ([path, page]) =>
    [
      path,
      'GET',
      (_ctx: unknown, _req: IncomingMessage, res: ServerResponse) => Promise.resolve(servePage(page, res)),
    ] as const,
);

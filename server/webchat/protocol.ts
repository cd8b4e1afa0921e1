import { z } from 'zod';
import { storableText } from '../../shared/sync/text';

/**
 * What a shop's chat window and the server say to each other on the `/webchat` socket.io
 * namespace (the window is `assets/frame.js`; it keeps to these names and shapes).
 */
export const WEBCHAT_NAMESPACE = '/webchat';

export const WebchatEvents = {
  /** Server → window, once connected: the session token (when new), the brand's name and the thread. */
  ready: 'ready',
  /** Window → server, with an ack: a visitor's message. */
  send: 'send',
  /** Server → window: a line another window of the same visitor sent, or a reply. */
  line: 'line',
  /** Window → server: replies the window has shown (`delivered`) or shown while open and visible (`read`). */
  seen: 'seen',
} as const;

/** The handshake's `auth`: the widget (a channel account's id on web chat) and a session token kept from before. */
export const WebchatHello = z.object({
  widget: z.string().trim().min(1).max(200),
  /** Not one the server could have made (a window's storage spoiled, say): a new session. */
  token: z
    .string()
    .regex(/^[A-Za-z0-9_-]{32,128}$/)
    .optional()
    .catch(undefined),
});

export const MAX_VISITOR_MESSAGE = 2_000;

export const VisitorMessage = z.object({
  body: storableText(
    z
      .string()
      .trim()
      .min(1, 'Write a message first.')
      .max(MAX_VISITOR_MESSAGE, `A message can be at most ${MAX_VISITOR_MESSAGE} characters.`),
  ),
  /** The window's id for this message: a message sent again after a lost answer is stored once. */
  clientId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  /** What the visitor said to be called; optional. */
  name: storableText(z.string().trim().min(1).max(100)).optional(),
  /**
   * The email the visitor gave, so a rep is offered the customer who has it: never trusted to link
   * on its own (anyone may type anyone's address); optional.
   */
  email: z.string().trim().max(320).email('That email address does not look right.').optional(),
});

export const SeenReplies = z.object({
  ids: z.array(z.string().min(1).max(128)).min(1).max(100),
  status: z.enum(['delivered', 'read']),
});

/** How many messages one window may send in `RATE_WINDOW_MS`: a person types slower; a script is refused. */
export const RATE_LIMIT = 8;
export const RATE_WINDOW_MS = 10_000;

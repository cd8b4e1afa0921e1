// A client for an OpenAI-compatible chat-completions endpoint: one request, one answer, a deadline.
import { z } from 'zod';

export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

export interface ChatRequest {
  /** The API's base URL; `/chat/completions` is added. */
  url: string;
  model: string;
  key: string;
  messages: readonly ChatMessage[];
  signal: AbortSignal;
}

export type ChatFetch = (url: string, init: RequestInit) => Promise<Response>;

const ChatAnswer = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string().nullable().optional() }) })).min(1),
});
const ErrorAnswer = z.object({ error: z.object({ message: z.string() }) });

/** Why a request did not give a reply, in words an admin can act on. */
export class AssistError extends Error {
  override name = 'AssistError';
}

export function endpointOf(url: string): string {
  return `${url.replace(/\/+$/, '')}/chat/completions`;
}

/** The text of the first choice; an AssistError for anything else. */
export async function chat(request: ChatRequest, fetchFn: ChatFetch = fetch): Promise<string> {
  let response: Response;
  try {
    response = await fetchFn(endpointOf(request.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${request.key}` },
      body: JSON.stringify({ model: request.model, messages: request.messages, temperature: 0 }),
      signal: request.signal,
    });
  } catch (error) {
    if (request.signal.aborted) throw new AssistError('The language model did not answer in time.');
    throw new AssistError(`The language model could not be reached (${describe(error)}).`);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    if (request.signal.aborted) throw new AssistError('The language model did not answer in time.');
    throw new AssistError(`The language model answered HTTP ${response.status} without JSON.`);
  }
  if (!response.ok) {
    const error = ErrorAnswer.safeParse(body);
    const detail = error.success ? `: ${error.data.error.message}` : '';
    throw new AssistError(`The language model refused the request (HTTP ${response.status}${detail}).`);
  }
  const answer = ChatAnswer.safeParse(body);
  const text = answer.success ? answer.data.choices[0]?.message.content?.trim() : undefined;
  if (!text) throw new AssistError('The language model answered without a reply text.');
  return text;
}

function describe(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : null;
  return cause ?? (error instanceof Error ? error.message : String(error));
}

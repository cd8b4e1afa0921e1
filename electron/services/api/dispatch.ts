import { apiCalls } from '../../../shared/api';
import type { ApiHandlers, CallName, Result } from '../../../shared/api';
import { CaredeskError, toErrorBody } from '../../../shared/domain';

function isCallName(name: string): name is CallName {
  return Object.hasOwn(apiCalls, name);
}

/**
 * The one entry point of both transports (Electron IPC, the browser host's WebSocket): checks
 * the call name, parses the input with the contract's schema, runs the handler and wraps the
 * outcome in a result envelope. Never throws.
 */
export async function dispatchCall(
  handlers: ApiHandlers,
  name: string,
  rawInput: unknown,
  log: (error: unknown) => void = (error) => console.error('[caredesk engine] call failed:', name, error),
): Promise<Result<unknown>> {
  try {
    if (!isCallName(name)) {
      return { ok: false, error: { code: 'invalid_input', message: `Unknown call "${name.slice(0, 64)}".` } };
    }
    const input: unknown = apiCalls[name].input.parse(rawInput ?? {});
    const handler = handlers[name] as (input: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(input) };
  } catch (error) {
    const body = toErrorBody(error);
    // The rep sees a generic message; the details go to the log.
    if (body.code === 'internal' && !(error instanceof CaredeskError)) log(error);
    return { ok: false, error: body };
  }
}

// Signed webhook deliveries posted to a server: as fast as `concurrency` requests in flight allow
// (throughput), or at a steady rate whatever the answers (latency). The baseline runs the same loops
// over a raw insert of the same message.
import { performance } from 'node:perf_hooks';
import type { ChannelSecrets } from '../../server/channels/provider';
import { delivery, KINDS } from '../../scripts/simulate/deliveries';
import type { Delivery, DeliveryKind } from '../../scripts/simulate/deliveries';
import { crowd, traffic } from '../../scripts/simulate/traffic';

/** Every kind that carries a customer's message (status callbacks name messages that do not exist here). */
export const MESSAGE_KINDS = KINDS.filter(
  (kind): kind is Exclude<DeliveryKind, 'twilio-status'> => kind !== 'twilio-status',
);

/** The text a delivery carries ends with its number, so an engine can tell when it arrived. */
export const MARKER = / \[ib(\d+)\]$/;

export interface Item {
  n: number;
  text: string;
  make: () => Delivery;
}

/** `count` deliveries from a crowd of `people`, numbered from `from`; signed when they are sent. */
export function deliveries(secrets: ChannelSecrets, count: number, from: number, people = 400): Item[] {
  const stream = traffic(crowd(people, 11), MESSAGE_KINDS, from + 1);
  return Array.from({ length: count }, (_, i) => {
    const next = stream.next();
    if (next.done) throw new Error('the traffic stream ended');
    const n = from + i;
    const text = `${next.value.text} [ib${n}]`;
    return { n, text, make: () => delivery(next.value.kind, next.value.person, text, secrets, Date.now()) };
  });
}

export async function post(server: string, item: Delivery): Promise<void> {
  const res = await fetch(new URL(item.path, server), { method: 'POST', headers: item.headers, body: item.body });
  const text = await res.text();
  if (!res.ok) throw new Error(`${item.kind}: ${res.status} ${text.slice(0, 200)}`);
}

/** Runs `work` over every item with at most `concurrency` in flight; returns the wall time in ms. */
export async function closedLoop<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>) {
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return performance.now() - started;
}

/**
 * Starts `work` for each item when it falls due, at `rate` per second from now, whatever the earlier
 * ones are doing — but with at most `maxInFlight` running, as a provider's connection pool would; an
 * item that waits for a slot counts that wait. Resolves with each item's due time (performance.now())
 * and its duration from then, and how many failed, once every one has finished.
 */
export async function openLoop<T>(
  items: readonly T[],
  rate: number,
  work: (item: T) => Promise<void>,
  maxInFlight = 64,
): Promise<{ dueAt: number[]; durations: number[]; failed: number }> {
  const begin = performance.now();
  const dueAt = items.map((_, i) => begin + (i * 1000) / rate);
  const durations: number[] = [];
  let failed = 0;
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      const due = dueAt[i] ?? begin;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      try {
        await work(items[i] as T);
        durations[i] = performance.now() - due;
      } catch {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: maxInFlight }, worker));
  return { dueAt, durations: durations.filter((d) => d !== undefined), failed };
}

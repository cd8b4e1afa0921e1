import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { FIXTURES_DIR } from '../../channels/testing';

/** A customer node as Shopify's Admin GraphQL answers it (the fixture's shape). */
export type CustomerNode = Record<string, unknown> & {
  id: string;
  defaultEmailAddress?: { emailAddress: string | null } | null;
  defaultPhoneNumber?: { phoneNumber: string | null } | null;
  orders: { nodes: Record<string, unknown>[] };
};

/** Shopify's documented answer for Bob Norman and order #1001 (channels reference §5.1). */
export function fixtureAnswer(): { data: { customers: { nodes: CustomerNode[] } }; extensions: unknown } {
  return JSON.parse(readFileSync(join(FIXTURES_DIR, 'shopify_graphql_customer_history.response.json'), 'utf8')) as {
    data: { customers: { nodes: CustomerNode[] } };
    extensions: unknown;
  };
}

export interface ShopifyRequest {
  path: string;
  token: string | undefined;
  query: string;
  variables: { q: string; orders: number };
}

/**
 * A local server speaking the slice of Shopify's Admin GraphQL API Caredesk calls: `customers(query:)`
 * by `email:"…"` or `phone:+…`, answered from `customers` (each with at most `orders` orders).
 * `answer` overrides the next answers (errors, HTTP statuses, delays) while set.
 */
export interface ShopifyDouble {
  url: string;
  token: string;
  customers: CustomerNode[];
  requests: ShopifyRequest[];
  answer: null | { status?: number; body?: unknown; delayMs?: number };
  close(): Promise<void>;
}

export async function startShopifyDouble(token = 'shpat_test'): Promise<ShopifyDouble> {
  const fixture = fixtureAnswer();
  const double: ShopifyDouble = {
    url: '',
    token,
    customers: fixture.data.customers.nodes,
    requests: [],
    answer: null,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Omit<ShopifyRequest, 'path' | 'token'>;
      const header = req.headers['x-shopify-access-token'];
      double.requests.push({ path: req.url ?? '', token: typeof header === 'string' ? header : undefined, ...body });
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      const override = double.answer;
      const reply = () => {
        if (override?.status !== undefined || override?.body !== undefined)
          return send(override.status ?? 200, override.body ?? {});
        if (header !== double.token)
          return send(401, { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });
        const nodes = double.customers
          .filter((customer) => matches(customer, body.variables.q))
          .map((customer) => ({
            ...customer,
            orders: { nodes: customer.orders.nodes.slice(0, body.variables.orders) },
          }));
        send(200, { data: { customers: { nodes } }, extensions: fixture.extensions });
      };
      if (override?.delayMs) setTimeout(reply, override.delayMs);
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  double.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return double;
}

/** Shopify's search: `email:"x"` is an exact email, `phone:+1…` an E.164 phone. */
function matches(customer: CustomerNode, q: string): boolean {
  const email = /^email:"(.*)"$/.exec(q)?.[1];
  if (email !== undefined) return customer.defaultEmailAddress?.emailAddress?.toLowerCase() === email.toLowerCase();
  const phone = /^phone:(\+\d+)$/.exec(q)?.[1];
  return phone !== undefined && customer.defaultPhoneNumber?.phoneNumber === phone;
}

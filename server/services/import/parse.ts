// Customer records from a file (`npm run import -- FILE`): CSV with one row per order line (or per
// customer), or JSON. Every row that cannot be read is reported with its line and reason.
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { Order, OrderStatus, ShipmentStatus } from '../../../shared/domain/entities';
import type { LineItem, Shipment } from '../../../shared/domain/entities';
import { normalizeEmail, normalizePhone } from '../../../shared/domain/identity';

/** One customer as the file describes them: identities in stored form, whole orders. */
export interface ImportCustomer {
  id: string;
  name: string;
  emails: string[];
  phones: string[];
  orders: Order[];
  /** Where they came from in the file (CSV lines, or the JSON entry), for reports. */
  lines: number[];
}

export interface Rejection {
  /** The CSV line (1 is the header) or the JSON entry (1-based). */
  line: number;
  reason: string;
}

export interface ParsedFile {
  customers: ImportCustomer[];
  rejected: Rejection[];
}

const text = (max: number) => z.string().trim().max(max);
const optional = (max: number) =>
  text(max)
    .optional()
    .transform((value) => (value ? value : undefined));
const money = z
  .string()
  .trim()
  .regex(/^-?\d+(\.\d{1,2})?$/, 'an amount like 19.99')
  .transform((value) => Math.round(Number(value) * 100));
const date = z
  .string()
  .trim()
  .refine((value) => !Number.isNaN(Date.parse(value)), 'a date like 2026-11-30 or 2026-11-30T14:00:00Z')
  .transform((value) => Date.parse(value));

/** A CSV row; column names are matched without regard to case, other columns are ignored. */
const CsvRow = z.object({
  customer_id: text(128).min(1, 'customer_id is required'),
  name: optional(200),
  email: optional(320),
  phone: optional(64),
  order_number: optional(64),
  placed_at: date.optional(),
  status: OrderStatus.optional(),
  currency: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{3}$/, 'a three-letter currency code')
    .transform((value) => value.toUpperCase())
    .optional(),
  sku: optional(128),
  title: optional(500),
  quantity: z.coerce.number().int().positive().optional(),
  unit_price: money.optional(),
  shipping: money.optional(),
  tax: money.optional(),
  carrier: optional(100),
  tracking_number: optional(100),
  tracking_url: optional(2000),
  shipment_status: ShipmentStatus.optional(),
  shipped_at: date.optional(),
  estimated_delivery: date.optional(),
});
type CsvRow = z.infer<typeof CsvRow>;

/** Reads a file's text by its name: `.json`, otherwise CSV. `region` reads national phone numbers. */
export function parseImport(fileName: string, content: string, region: string): ParsedFile {
  return fileName.toLowerCase().endsWith('.json') ? parseJson(content, region) : parseCsv(content, region);
}

function parseCsv(content: string, region: string): ParsedFile {
  let records: Record<string, string>[];
  try {
    records = parse(content, {
      columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()),
      skip_empty_lines: true,
      bom: true,
      relax_column_count: false,
    });
  } catch (error) {
    return { customers: [], rejected: [{ line: 0, reason: `Not a readable CSV file: ${messageOf(error)}` }] };
  }
  const rejected: Rejection[] = [];
  const byId = new Map<string, { rows: { line: number; row: CsvRow }[] }>();
  records.forEach((record, index) => {
    const line = index + 2;
    const empty = Object.fromEntries(Object.entries(record).filter(([, value]) => value.trim() !== ''));
    const parsed = CsvRow.safeParse(empty);
    if (!parsed.success) {
      rejected.push({ line, reason: zodReason(parsed.error) });
      return;
    }
    const group = byId.get(parsed.data.customer_id) ?? { rows: [] };
    group.rows.push({ line, row: parsed.data });
    byId.set(parsed.data.customer_id, group);
  });
  const customers: ImportCustomer[] = [];
  for (const [id, { rows }] of byId) {
    const built = customerFromRows(id, rows, region);
    if ('reason' in built) rejected.push(...rows.map(({ line }) => ({ line, reason: built.reason })));
    else customers.push(built);
  }
  return { customers, rejected: rejected.sort((a, b) => a.line - b.line) };
}

/** One customer from their rows; a customer any of whose rows contradicts the others is rejected whole. */
function customerFromRows(
  id: string,
  rows: { line: number; row: CsvRow }[],
  region: string,
): ImportCustomer | { reason: string } {
  const names = new Set(rows.flatMap(({ row }) => (row.name ? [row.name] : [])));
  const [name] = names;
  if (!name) return { reason: `Customer ${id} has no name on any row.` };
  if (names.size > 1) return { reason: `Customer ${id} has two names: ${[...names].join(' / ')}.` };
  const emails = new Set<string>();
  const phones = new Set<string>();
  for (const { row } of rows) {
    if (row.email) {
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(row.email)) return { reason: `"${row.email}" is not an email address.` };
      emails.add(normalizeEmail(row.email));
    }
    if (row.phone) {
      const phone = normalizePhone(row.phone, region);
      if (!phone) return { reason: `"${row.phone}" is not a phone number (read in region ${region}).` };
      phones.add(phone);
    }
  }
  const byNumber = new Map<string, { line: number; row: CsvRow }[]>();
  for (const entry of rows) {
    if (!entry.row.order_number) continue;
    byNumber.set(entry.row.order_number, [...(byNumber.get(entry.row.order_number) ?? []), entry]);
  }
  const orders: Order[] = [];
  for (const [number, lines] of byNumber) {
    const order = orderFromRows(id, number, lines);
    if ('reason' in order) return order;
    orders.push(order);
  }
  return { id, name, emails: [...emails], phones: [...phones], orders, lines: rows.map(({ line }) => line) };
}

function orderFromRows(
  customerId: string,
  number: string,
  rows: { line: number; row: CsvRow }[],
): Order | { reason: string } {
  const [first] = rows;
  if (!first) return { reason: `Order ${number} has no rows.` };
  const head = first.row;
  if (head.placed_at === undefined) return { reason: `Order ${number} needs placed_at.` };
  if (!head.currency) return { reason: `Order ${number} needs a currency.` };
  const lineItems: LineItem[] = [];
  for (const { row } of rows) {
    if (row.currency && row.currency !== head.currency)
      return { reason: `Order ${number} mixes currencies (${head.currency} and ${row.currency}).` };
    if (!row.sku && !row.title) continue;
    if (row.unit_price === undefined)
      return { reason: `Order ${number}: the line "${row.title ?? row.sku}" needs unit_price.` };
    lineItems.push({
      sku: row.sku ?? '',
      title: row.title ?? row.sku ?? '',
      quantity: row.quantity ?? 1,
      unitPriceCents: row.unit_price,
    });
  }
  const subtotalCents = lineItems.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0);
  const shippingCents = head.shipping ?? 0;
  const taxCents = head.tax ?? 0;
  const shipments: Shipment[] = [];
  if (head.tracking_number) {
    if (head.estimated_delivery === undefined)
      return { reason: `Order ${number}: a shipment needs estimated_delivery (Caredesk never guesses a date).` };
    const shippedAt = head.shipped_at ?? head.placed_at;
    const status = head.shipment_status ?? 'in_transit';
    shipments.push({
      id: `${customerId}:${number}:shipment`,
      carrier: head.carrier ?? '',
      trackingNumber: head.tracking_number.replace(/\s+/g, '').toUpperCase(),
      trackingUrl: head.tracking_url ?? '',
      status,
      shippedAt,
      estimatedDelivery: head.estimated_delivery,
      deliveredAt: status === 'delivered' ? head.estimated_delivery : null,
      events: [],
    });
  }
  return {
    id: `import:${number}`,
    customerId,
    number,
    placedAt: head.placed_at,
    status: head.status ?? 'paid',
    currency: head.currency,
    subtotalCents,
    shippingCents,
    taxCents,
    totalCents: subtotalCents + shippingCents + taxCents,
    lineItems,
    payments: [],
    shipments,
    returns: [],
    refunds: [],
  };
}

/** A JSON file: `{ "customers": [...] }` or the array itself; each entry a customer with whole orders. */
const JsonCustomer = z.object({
  id: text(128).min(1),
  name: text(200).min(1),
  emails: z.array(z.string().email()).max(20).default([]),
  phones: z.array(z.string()).max(20).default([]),
  orders: z
    .array(Order.omit({ customerId: true }))
    .max(10_000)
    .default([]),
});

function parseJson(content: string, region: string): ParsedFile {
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch (error) {
    return { customers: [], rejected: [{ line: 0, reason: `Not readable JSON: ${messageOf(error)}` }] };
  }
  const entries = Array.isArray(data) ? data : (data as { customers?: unknown })?.customers;
  if (!Array.isArray(entries))
    return {
      customers: [],
      rejected: [{ line: 0, reason: 'Expected { "customers": [...] } or an array of customers.' }],
    };
  const customers: ImportCustomer[] = [];
  const rejected: Rejection[] = [];
  entries.forEach((entry, index) => {
    const line = index + 1;
    const parsed = JsonCustomer.safeParse(entry);
    if (!parsed.success) {
      rejected.push({ line, reason: zodReason(parsed.error) });
      return;
    }
    const phones: string[] = [];
    for (const raw of parsed.data.phones) {
      const phone = normalizePhone(raw, region);
      if (!phone) {
        rejected.push({ line, reason: `"${raw}" is not a phone number (read in region ${region}).` });
        return;
      }
      phones.push(phone);
    }
    customers.push({
      id: parsed.data.id,
      name: parsed.data.name,
      emails: [...new Set(parsed.data.emails.map(normalizeEmail))],
      phones: [...new Set(phones)],
      orders: parsed.data.orders.map((order) => ({ ...order, customerId: parsed.data.id })),
      lines: [line],
    });
  });
  return { customers, rejected };
}

function zodReason(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'row'}: ${issue.message}`).join('; ');
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

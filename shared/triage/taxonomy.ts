import { z } from 'zod';

/** Caredesk's intent taxonomy: what a rep has to do first to resolve a message (see the README). */
export const INTENTS = [
  'order_status',
  'delivery_problem',
  'change_delivery',
  'return_exchange',
  'refund',
  'cancel_order',
  'damaged_or_wrong_item',
  'billing_problem',
  'product_question',
  'account_access',
  'praise',
  'complaint_other',
  'other',
] as const;

export const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;

export const intentSchema = z.enum(INTENTS);
export const sentimentSchema = z.enum(SENTIMENTS);

export type Intent = z.infer<typeof intentSchema>;
export type Sentiment = z.infer<typeof sentimentSchema>;

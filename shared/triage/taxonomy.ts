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

/** How the inbox names each intent and sentiment. */
export const INTENT_LABELS: Record<Intent, string> = {
  order_status: 'Order status',
  delivery_problem: 'Delivery problem',
  change_delivery: 'Change delivery',
  return_exchange: 'Return or exchange',
  refund: 'Refund',
  cancel_order: 'Cancel order',
  damaged_or_wrong_item: 'Damaged or wrong item',
  billing_problem: 'Billing',
  product_question: 'Product question',
  account_access: 'Account access',
  praise: 'Praise',
  complaint_other: 'Complaint',
  other: 'Other',
};

export const SENTIMENT_LABELS: Record<Sentiment, string> = {
  positive: 'Positive',
  neutral: 'Neutral',
  negative: 'Negative',
};

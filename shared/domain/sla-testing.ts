// A team's own service levels for tests: London, Monday to Saturday 08:00–20:00, WhatsApp and X
// answered within 20 minutes (10 high, 5 urgent), warned at half the target; other channels default.
import type { SlaPolicy, SlaTargets } from './sla';

const FAST: SlaTargets = {
  first_response: { urgent: 5, high: 10, normal: 20 },
  next_response: { urgent: 5, high: 10, normal: 20 },
  resolution: { urgent: 120, high: 240, normal: 480 },
};

export const LONDON_SLA: SlaPolicy = {
  calendar: { timeZone: 'Europe/London', days: [1, 2, 3, 4, 5, 6], opensAt: 8 * 60, closesAt: 20 * 60 },
  targets: { whatsapp: FAST, x: FAST },
  warnShare: 0.5,
};

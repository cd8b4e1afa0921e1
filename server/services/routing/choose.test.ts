import { describe, expect, it } from 'vitest';
import { DEFAULT_ROUTING } from '../../../shared/domain/routing';
import type { RoutingSettings } from '../../../shared/domain/routing';
import { chooseRep, queueOrder } from './choose';
import type { Candidate, Need } from './choose';

const sms: Need = { channel: 'sms', language: null, productLine: null };
const rep = (userId: string, open = 0, extra: Partial<Candidate> = {}): Candidate => ({
  userId,
  status: 'online',
  open,
  openByChannel: {},
  ...extra,
});
const settings = (extra: Partial<RoutingSettings>): RoutingSettings => ({ ...DEFAULT_ROUTING, ...extra });
const skills = (userId: string, extra: Partial<RoutingSettings['reps'][number]>) => ({
  userId,
  maxOpen: null,
  languages: [],
  channels: [],
  productLines: [],
  ...extra,
});

describe('chooseRep', () => {
  it('picks nobody in manual mode, but still says who could not take it', () => {
    const choice = chooseRep(settings({}), [rep('ana', 0, { status: 'away' }), rep('ben')], sms, null);
    expect(choice).toEqual({ userId: null, open: 0, skipped: [{ userId: 'ana', why: 'away' }] });
  });

  it('goes round in user-id order after the last rep assigned, wrapping', () => {
    const round = settings({ mode: 'round_robin' });
    const reps = [rep('cy', 9), rep('ana', 5), rep('ben', 0)];
    expect(chooseRep(round, reps, sms, null).userId).toBe('ana');
    expect(chooseRep(round, reps, sms, 'ana').userId).toBe('ben');
    expect(chooseRep(round, reps, sms, 'ben').userId).toBe('cy');
    expect(chooseRep(round, reps, sms, 'cy').userId).toBe('ana');
    // A last assignee who left the team: the next id after theirs.
    expect(chooseRep(round, reps, sms, 'az').userId).toBe('ben');
    expect(chooseRep(round, reps, sms, 'zed').userId).toBe('ana');
  });

  it('gives fewest-open the least loaded rep, ties going round from the last one', () => {
    const fewest = settings({ mode: 'fewest_open' });
    expect(chooseRep(fewest, [rep('ana', 4), rep('ben', 2), rep('cy', 3)], sms, null)).toEqual({
      userId: 'ben',
      open: 2,
      skipped: [],
    });
    expect(chooseRep(fewest, [rep('ana', 1), rep('ben', 1), rep('cy', 1)], sms, 'ana').userId).toBe('ben');
  });

  it('skips reps who are away or offline', () => {
    const choice = chooseRep(
      settings({ mode: 'fewest_open' }),
      [rep('ana', 0, { status: 'away' }), rep('ben', 0, { status: 'offline' }), rep('cy', 7)],
      sms,
      null,
    );
    expect(choice).toEqual({
      userId: 'cy',
      open: 7,
      skipped: [
        { userId: 'ana', why: 'away' },
        { userId: 'ben', why: 'offline' },
      ],
    });
  });

  it('skips reps at their capacity: their own, else the team default, and per channel', () => {
    const capped = settings({
      mode: 'fewest_open',
      maxOpen: 3,
      channelMaxOpen: { sms: 1 },
      reps: [skills('ana', { maxOpen: 5 })],
    });
    const reps = [rep('ana', 4), rep('ben', 3), rep('cy', 0, { openByChannel: { sms: 1 } }), rep('dee', 2)];
    expect(chooseRep(capped, reps, sms, null)).toEqual({
      userId: 'dee',
      open: 2,
      skipped: [
        { userId: 'ben', why: 'at_capacity' },
        { userId: 'cy', why: 'channel_at_capacity' },
      ],
    });
    // On email the channel limit does not apply to cy.
    expect(chooseRep(capped, reps, { ...sms, channel: 'email' }, null).userId).toBe('cy');
    // Nobody left: no choice, every skip listed.
    const full = chooseRep(capped, [rep('ana', 5), rep('ben', 3)], sms, null);
    expect(full.userId).toBeNull();
    expect(full.skipped.map((s) => s.why)).toEqual(['at_capacity', 'at_capacity']);
  });

  it('skips reps lacking a required skill; an unknown requirement or an empty skill list never blocks', () => {
    const skilled = settings({
      mode: 'round_robin',
      reps: [
        skills('ana', { languages: ['en'] }),
        skills('ben', { channels: ['email'] }),
        skills('cy', { productLines: ['bikes'] }),
        skills('dee', { languages: ['es'], channels: ['sms'], productLines: ['scooters'] }),
      ],
    });
    const reps = [rep('ana'), rep('ben'), rep('cy'), rep('dee')];
    const spanishScooter = chooseRep(skilled, reps, { channel: 'sms', language: 'es', productLine: 'scooters' }, null);
    expect(spanishScooter).toEqual({
      userId: 'dee',
      open: 0,
      skipped: [
        { userId: 'ana', why: 'missing_language' },
        { userId: 'ben', why: 'missing_channel' },
        { userId: 'cy', why: 'missing_product_line' },
      ],
    });
    // Language and product line unknown: only the channel skill counts.
    expect(chooseRep(skilled, reps, sms, null)).toEqual({
      userId: 'ana',
      open: 0,
      skipped: [{ userId: 'ben', why: 'missing_channel' }],
    });
    // A rep without skills listed takes anything.
    expect(chooseRep(skilled, [rep('eve')], { channel: 'x', language: 'fr', productLine: 'bikes' }, null).userId).toBe(
      'eve',
    );
  });
});

describe('queueOrder', () => {
  it('puts the most urgent first, then the longest waiting', () => {
    const order = queueOrder([
      { id: 'calm-old', urgency: 0, since: 100 },
      { id: 'angry-new', urgency: 2, since: 900 },
      { id: 'calm-older', urgency: 0, since: 50 },
      { id: 'angry-late', urgency: 3, since: 950 },
      { id: 'angry-old', urgency: 2, since: 300 },
    ]);
    expect(order.map((q) => q.id)).toEqual(['angry-late', 'angry-old', 'angry-new', 'calm-older', 'calm-old']);
  });

  it('orders by the priority in effect (a person’s, else triage’s), a person’s first among equals, then triage, then the longest waiting', () => {
    const order = queueOrder([
      { id: 'angry-late', urgency: 3, since: 100 },
      { id: 'set-normal', priority: 'normal' as const, urgency: 0, since: 50 },
      { id: 'set-high-new', priority: 'high' as const, urgency: 0, since: 900 },
      { id: 'automatic', priority: null, urgency: 0, since: 10 },
      { id: 'set-urgent', priority: 'urgent' as const, urgency: 0, since: 999 },
      { id: 'set-high-angry', priority: 'high' as const, urgency: 2, since: 950 },
      { id: 'set-high-old', priority: 'high' as const, urgency: 0, since: 200 },
    ]);
    // The angry customer with a late order is urgent by triage: after the one a person marked urgent,
    // before every high; a person's normal goes before an automatic normal that waited longer.
    expect(order.map((q) => q.id)).toEqual([
      'set-urgent',
      'angry-late',
      'set-high-angry',
      'set-high-old',
      'set-high-new',
      'set-normal',
      'automatic',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { suggestionOutcome } from './suggestionOutcome';

const offered = { inboundId: 'm1', inserted: null, recorded: false };
const inserted = { ...offered, inserted: 'Your parcel left today with UPS.' };

describe('suggestionOutcome', () => {
  it('counts nothing when no suggestion was offered, or the answer to that message was already counted', () => {
    expect(suggestionOutcome('Hello', undefined)).toBeUndefined();
    expect(suggestionOutcome('Your parcel left today with UPS.', { ...inserted, recorded: true })).toBeUndefined();
  });

  it('is ignored when suggestions were offered and none was put in the box', () => {
    expect(suggestionOutcome('Let me check for you.', offered)).toBe('ignored');
  });

  it('is unchanged when the inserted suggestion goes as it was, edited when a word differs', () => {
    expect(suggestionOutcome('  Your parcel left today with UPS.\n', inserted)).toBe('unchanged');
    expect(suggestionOutcome('Your parcel left today with UPS. Sorry!', inserted)).toBe('edited');
  });
});

import { describe, expect, it } from 'vitest';
import { claimsAChange, echoesRequest, unbackedClaim } from './unbacked-claim.js';

describe('claimsAChange', () => {
  it.each([
    'I created a task to buy milk.',
    "I've added “Buy milk” to your list.",
    'I have marked the laundry as done. Nice!',
    'Your reminder has been set for 5pm.',
    'Buy milk is now on your list.',
    'Done! Take a breath.',
    'I just snoozed it for 10 minutes.',
  ])('"%s" claims a change', (text) => expect(claimsAChange(text)).toBe(true));

  it.each([
    'When should I remind you?',
    'Do you want me to add buy milk?',
    'I can add that for you. Which day?',
    'That sounds like a lot. One small step?',
    'You added a lot today, well done.',
  ])('"%s" does not', (text) => expect(claimsAChange(text)).toBe(false));
});

describe('unbackedClaim', () => {
  it('needs a change the rules can make, read with enough confidence', () => {
    const claim = 'I added buy milk.';
    expect(unbackedClaim(claim, { intent: 'create_task', confidence: 0.625 })).toBe(true);
    expect(unbackedClaim(claim, { intent: 'create_task', confidence: 0.375 })).toBe(false);
    expect(unbackedClaim(claim, { intent: 'delete_task', confidence: 1 })).toBe(false);
    expect(unbackedClaim(claim, { intent: 'chat', confidence: 1 })).toBe(false);
    expect(unbackedClaim('Which list?', { intent: 'create_task', confidence: 1 })).toBe(false);
  });
});

describe('echoesRequest', () => {
  it("is the person's request said back, with nothing asked", () => {
    // What the 1.5B local model answered in the local bench.
    expect(echoesRequest('Snooze the call for 10 minutes (10 min)', 'snooze the call for 10 minutes')).toBe(
      true,
    );
    expect(
      echoesRequest(
        "Don't let me forget the dentist on Friday (15 min)",
        "don't let me forget the dentist on friday",
      ),
    ).toBe(true);
  });

  it('is not a question, an answer in other words, or a short message found inside a longer reply', () => {
    expect(
      echoesRequest('Snooze the call for 10 minutes? Which call?', 'snooze the call for 10 minutes'),
    ).toBe(false);
    expect(echoesRequest('Snoozed “Call mom” until 5:10 pm.', 'snooze the call for 10 minutes')).toBe(false);
    expect(echoesRequest('Sure, buy milk is a good one to start with.', 'buy milk')).toBe(false);
  });
});

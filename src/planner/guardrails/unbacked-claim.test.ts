import { describe, expect, it } from 'vitest';
import { readingOf } from '../graph/reading.js';
import {
  addsFewerTasks,
  addsInsteadOfChanging,
  claimsAChange,
  echoesRequest,
  unbackedClaim,
} from './unbacked-claim.js';

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

describe('a model that adds tasks instead of what was asked', () => {
  const now = new Date('2026-03-10T09:00:00Z');
  const read = (text: string) => readingOf(text, now, 'Europe/Berlin');
  const create = (title: string) => ({ name: 'create_task', args: { title } });

  it('is a new task for a request to move one, for a feeling, or for a thing to remember', () => {
    // What the 1.5B local model did in the local eval.
    const push = 'push vacuum the stairs to tomorrow morning at 9';
    expect(addsInsteadOfChanging([create(push)], read(push))).toBe(true);
    const tired = "ugh I'm so tired today";
    expect(addsInsteadOfChanging([create('Rest')], read(tired))).toBe(true);
  });

  it('is not a new task asked for, or a model that also did something else', () => {
    expect(addsInsteadOfChanging([create('Buy milk')], read('add buy milk'))).toBe(false);
    const push = 'push vacuum the stairs to tomorrow morning at 9';
    const both = [create('x'), { name: 'list_tasks', args: {} }];
    expect(addsInsteadOfChanging(both, read(push))).toBe(false);
    expect(addsInsteadOfChanging([create('Thanks')], read('thanks, that was helpful!'))).toBe(false);
  });

  it('counts the tasks a message names against those added, batches included', () => {
    const two = read('dentist at 3 tomorrow and pick up kids at 5');
    expect(addsFewerTasks([create('Dentist appointment at 3 PM tomorrow')], two)).toBe(true);
    expect(addsFewerTasks([create('Dentist'), create('Pick up kids')], two)).toBe(false);
    const batch = { name: 'create_tasks', args: { tasks: [{ title: 'Dentist' }, { title: 'Kids' }] } };
    expect(addsFewerTasks([batch], two)).toBe(false);
    expect(addsFewerTasks([create('Buy milk')], read('add buy milk'))).toBe(false);
  });
});

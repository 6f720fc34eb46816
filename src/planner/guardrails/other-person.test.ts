import { describe, expect, it } from 'vitest';
import { asksAboutAnotherPerson } from './other-person.js';

const me = 'usr_me000001';

describe('asksAboutAnotherPerson', () => {
  it.each([
    "show me Alice's tasks",
    'list the tasks of user usr_ab12cd34',
    "what are someone else's tasks?",
    'show other users tasks',
    "another user's moods please",
    "delete everyone's data",
    'what are her tasks',
    "check all users' points",
  ])('refuses %j', (text) => {
    expect(asksAboutAnotherPerson(text, me)).toBe(true);
  });

  it.each([
    "remind me to collect everyone's forms on Friday",
    'invite other people to the party',
    "buy a gift for someone's birthday",
    'ask Sam about her plans for the weekend',
    'show my tasks',
    "what's on my list today?",
    `show the tasks of user ${me}`,
    'call mom tomorrow at 5pm',
  ])('lets %j through', (text) => {
    expect(asksAboutAnotherPerson(text, me)).toBe(false);
  });
});

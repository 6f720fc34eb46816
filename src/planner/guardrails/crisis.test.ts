import { describe, expect, it } from 'vitest';
import {
  countryOfTimeZone,
  crisisLinesFor,
  crisisReplyText,
  DEFAULT_CRISIS_RESOURCES,
} from './crisis-resources.js';
import { crisisSignalIn } from './crisis.js';

describe('crisisSignalIn', () => {
  it.each([
    'honestly I don’t want to be here anymore',
    'honestly i dont want to be here anymore',
    'I want to kill myself',
    "I don't see the point in living anymore",
    'whats the point of living',
    'i wanna kill myslef',
    'kms',
    'I might hurt myself',
    'i think ill hurt myself tonight',
    'everyone would be better off without me',
    'Everybody would be better off without me tbh',
    "I can't go on",
    'i cant go on like this',
    'I cannot go on anymore.',
    'I want to die',
    'i just want to die sometimes',
    "I've been thinking about suicide",
    'having suicidal thoughts again',
    'i feel sucidal',
    'I want to end my life',
    'i just want to end it all',
    "I don't want to live anymore",
    'i dont want to be alive',
    'I wish I was dead',
    "i wish i'd never been born",
    "there's no reason to live",
    'I have nothing to live for',
    "I've been cutting myself again",
    "I've started self-harming",
    'I keep wanting to hurt myself',
    'I feel like hurting myself',
    'I have thoughts of hurting myself',
    "I'm a burden to everyone",
    'they would all be better off if I was gone',
    "I'm so tired of living",
    'I hope I dont wake up tomorrow',
    'ugh. i dont want to wake up',
    'thinking about taking my own life',
  ])('recognises %j', (text) => {
    expect(crisisSignalIn(text)).not.toBeNull();
  });

  it.each([
    'this report is killing me',
    "I'm dying to see that movie",
    'kill the process',
    "I don't see the point in this meeting",
    "what's the point of this report",
    'how do I kill the process on port 3000',
    'dead tired today',
    'I could kill for a coffee',
    'this deadline will be the death of me',
    'my phone is dead',
    'I killed it at the presentation!',
    "I'm dead serious",
    'that joke killed me',
    'I hurt my back moving boxes',
    'I hurt myself at the gym yesterday',
    'I cut myself shaving',
    'I need to cut myself some slack',
    "I can't go on the trip on friday",
    "I can't go on Monday, can we move it?",
    "I don't want to be here at this meeting",
    "I don't want to live in the city anymore",
    'I want to end it with my gym membership',
    'remind me to cancel netflix, the price is killing my budget',
    'I need to kill some time before the train',
    'my laptop battery died',
    'watch Suicide Squad tonight',
    "I'm so done with this spreadsheet",
    "I'm exhausted and overwhelmed",
    'ugh I failed again, I feel useless',
    'I want to dye my hair',
    "I'm thinking about dying my hair blue",
    'kill two birds with one stone',
    'cutting down on sugar this week',
    'add task: end the subscription',
    'I could die of embarrassment lol',
  ])('lets %j through', (text) => {
    expect(crisisSignalIn(text)).toBeNull();
  });

  it('reads only the start of a very long message, quickly', () => {
    const long = `${'so much to do '.repeat(5_000)}`;
    const started = performance.now();
    expect(crisisSignalIn(long)).toBeNull();
    expect(performance.now() - started).toBeLessThan(500); // generous: a linear scan of 1,000 characters
  });
});

describe('crisis resources', () => {
  it('picks the person’s country from their time zone', () => {
    expect(countryOfTimeZone('America/Chicago')).toBe('US');
    expect(countryOfTimeZone('America/Indiana/Knox')).toBe('US');
    expect(countryOfTimeZone('Europe/London')).toBe('GB');
    expect(countryOfTimeZone('Europe/Dublin')).toBe('IE');
    expect(countryOfTimeZone('UTC')).toBeNull();
    expect(crisisLinesFor(DEFAULT_CRISIS_RESOURCES, 'America/New_York')).toEqual({
      region: 'US',
      lines: [DEFAULT_CRISIS_RESOURCES.US![0], DEFAULT_CRISIS_RESOURCES['*']![0]],
    });
    expect(crisisLinesFor(DEFAULT_CRISIS_RESOURCES, 'Europe/Dublin').lines.join(' ')).toMatch(/116 123/);
  });

  it('shows the generic line plus US and UK when the country is unknown or not configured', () => {
    for (const zone of ['UTC', 'Europe/Berlin']) {
      const { region, lines } = crisisLinesFor(DEFAULT_CRISIS_RESOURCES, zone);
      expect(region).toBe('unknown');
      expect(lines.join('\n')).toMatch(/findahelpline\.com[\s\S]*988[\s\S]*116 123/);
    }
  });

  it('uses an operator’s lines for their country', () => {
    const resources = { ...DEFAULT_CRISIS_RESOURCES, DE: ['Deutschland: TelefonSeelsorge 0800 111 0 111'] };
    expect(crisisLinesFor(resources, 'Europe/Berlin')).toEqual({
      region: 'DE',
      lines: ['Deutschland: TelefonSeelsorge 0800 111 0 111', DEFAULT_CRISIS_RESOURCES['*']![0]],
    });
  });

  it('keeps every line within a text message', () => {
    const { lines } = crisisLinesFor(DEFAULT_CRISIS_RESOURCES, 'UTC');
    const sms = crisisReplyText(lines, 'sms');
    expect(sms.length).toBeLessThanOrEqual(320); // two SMS segments, the SMS channel's budget
    for (const line of lines) expect(sms).toContain(line);
    expect(crisisReplyText(lines, 'web')).toMatch(/not a counsellor/);
  });
});

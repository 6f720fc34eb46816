import { describe, expect, it } from 'vitest';
import { calendarRequestIn, tokenRequestIn } from './account-requests.js';

describe('tokenRequestIn', () => {
  it.each([
    ['give me a token for Claude', { kind: 'create_token', name: 'Claude' }],
    ['Can I get an API token for my laptop?', { kind: 'create_token', name: 'laptop' }],
    ['create a new token', { kind: 'create_token', name: 'chat' }],
    ['connect claude', { kind: 'create_token', name: 'claude' }],
    ['list my tokens', { kind: 'list_tokens' }],
    ['show my API tokens', { kind: 'list_tokens' }],
    ['revoke the Claude token', { kind: 'revoke_token', name: 'Claude' }],
    ['delete my token for cursor', { kind: 'revoke_token', name: 'cursor' }],
  ])('%s', (text, expected) => {
    expect(tokenRequestIn(text)).toEqual(expected);
  });

  it.each([
    'remind me to buy a train token',
    'add a task: find the gym key',
    'I lost my house key again',
    'list my tasks',
    'delete the dentist task',
  ])('leaves ordinary messages to the planner: %s', (text) => {
    expect(tokenRequestIn(text)).toBeNull();
  });
});

describe('calendarRequestIn', () => {
  it.each([
    ['add my tasks to my google calendar', 'create_calendar_link'],
    ['give me my calendar link', 'create_calendar_link'],
    ['Can I get a calendar feed?', 'create_calendar_link'],
    ['sync with my calendar', 'create_calendar_link'],
    ['put my tasks in my phone calendar', 'create_calendar_link'],
    ['ics link', 'create_calendar_link'],
    ['turn off my calendar link', 'revoke_calendar_link'],
    ['revoke the calendar feed', 'revoke_calendar_link'],
  ])('%s', (text, expected) => {
    expect(calendarRequestIn(text)).toBe(expected);
  });

  it.each([
    'put the dentist in my calendar tomorrow at 3',
    'clean up my calendar on friday',
    'remind me to check the team calendar',
    'plan my day',
    'delete the calendar task',
  ])('leaves ordinary messages to the planner: %s', (text) => {
    expect(calendarRequestIn(text)).toBeNull();
  });
});

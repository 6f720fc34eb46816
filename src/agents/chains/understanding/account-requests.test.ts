import { describe, expect, it } from 'vitest';
import { tokenRequestIn } from './account-requests.js';

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

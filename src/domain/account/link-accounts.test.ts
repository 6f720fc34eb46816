import { describe, expect, it } from 'vitest';
import { linkCodeInText } from './link-accounts.js';

describe('linkCodeInText', () => {
  it.each([
    ['link B23N6ANT', 'B23N6ANT'],
    ['  Link b23n6ant. ', 'b23n6ant'],
    ['link B23N-6ANT', 'B23N-6ANT'],
    ['link B23N 6ANT', 'B23N 6ANT'],
    ['link ZZZZZZZZ', 'ZZZZZZZZ'],
  ])('%s', (text, code) => {
    expect(linkCodeInText(text)).toBe(code);
  });

  it.each(['link this task to that one', 'link the docs', 'please link B23N6ANT to my email', 'B23N6ANT'])(
    'leaves sentences alone: %s',
    (text) => {
      expect(linkCodeInText(text)).toBeNull();
    },
  );
});

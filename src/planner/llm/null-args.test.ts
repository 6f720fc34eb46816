import { describe, expect, it } from 'vitest';
import { withoutStrayNulls } from './null-args.js';

const schema = {
  type: 'object',
  properties: {
    q: { type: 'string' },
    cursor: { type: 'string' },
    dueAt: { anyOf: [{ type: 'string' }, { type: 'null' }] },
    notes: { type: ['string', 'null'] },
  },
};

describe('withoutStrayNulls', () => {
  it('leaves out a null the schema takes no null for', () => {
    expect(withoutStrayNulls({ q: 'milk', cursor: null, parentId: null }, schema)).toEqual({ q: 'milk' });
  });

  it('keeps nulls the schema takes, and calls without nulls as they are', () => {
    const clearing = { dueAt: null, notes: null };
    expect(withoutStrayNulls(clearing, schema)).toBe(clearing);
    const plain = { q: 'milk' };
    expect(withoutStrayNulls(plain, schema)).toBe(plain);
  });
});

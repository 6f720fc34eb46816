import { describe, expect, it } from 'vitest';
import { followUpsOf } from './follow-ups.js';

const proof = (data: unknown, ok = true) => ({
  callId: 'c1',
  name: 'validate_proof',
  args: {},
  ok,
  data,
  text: '',
});

describe('follow-up calls', () => {
  it('completes the task of an approved proof', () => {
    expect(followUpsOf(proof({ verdict: 'approved', taskId: 't1' }))).toEqual([
      expect.objectContaining({ name: 'complete_task', args: { taskId: 't1' } }),
    ]);
  });

  it('does nothing for a proof that needs more, was rejected, or failed', () => {
    expect(followUpsOf(proof({ verdict: 'needs_more', taskId: 't1' }))).toEqual([]);
    expect(followUpsOf(proof({ verdict: 'rejected', taskId: 't1' }))).toEqual([]);
    expect(followUpsOf(proof({ verdict: 'approved', taskId: 't1' }, false))).toEqual([]);
    expect(followUpsOf({ ...proof({ verdict: 'approved', taskId: 't1' }), name: 'complete_task' })).toEqual(
      [],
    );
  });
});

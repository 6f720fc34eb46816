import { describe, expect, it } from 'vitest';
import { fixedClock } from '../src/shared/clock.js';
import { useTestEnv } from './support/test-env.js';

const clock = fixedClock('2025-07-01T12:00:00Z');
const env = useTestEnv({ clock });
const DAY = 86_400_000;

describe('delivery claims', () => {
  it('are taken once per attempt key, and the sweep drops only the old ones', async () => {
    const repo = env().domain.notifications;
    const old = new Date(clock.now().getTime() - 20 * DAY);
    expect(await repo.claim('rem.old:web', 'user_a', old)).toBe(true);
    expect(await repo.claim('rem.new:web', 'user_a', clock.now())).toBe(true);
    expect(await repo.claim('rem.new:web', 'user_a', clock.now())).toBe(false);

    expect(await repo.sweepClaims(new Date(clock.now().getTime() - 14 * DAY))).toBe(1);
    expect(await repo.claim('rem.new:web', 'user_a', clock.now())).toBe(false);
    expect(await repo.claim('rem.old:web', 'user_a', clock.now())).toBe(true);
  });
});

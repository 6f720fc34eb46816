import { describe, expect, it } from 'vitest';
import { findPressure, isShameFree } from './guard.js';
import { offlineMotivation } from './offline.js';
import { MotivationSchema, type MotivationInput, type ToneChoice } from './schema.js';

const base: MotivationInput = {
  name: 'Ada Lovelace',
  tone: 'gentle',
  task: null,
  recentMoods: [],
  wins: [],
  streakDays: 0,
  whatHelped: [],
  seed: 'seed',
};

describe('offline motivation', () => {
  it('is shame-free in every tone and situation', () => {
    const tones: ToneChoice[] = ['gentle', 'cheerful', 'direct', 'playful'];
    const moods = [
      [],
      [{ mood: 1, energy: 3, at: '2025-03-10T09:00:00Z' }],
      [{ mood: 3, energy: 1, at: '2025-03-10T09:00:00Z' }],
      [{ mood: 5, energy: 5, at: '2025-03-10T09:00:00Z' }],
    ];
    for (const tone of tones) {
      for (const recentMoods of moods) {
        for (let seed = 0; seed < 8; seed++) {
          const result = offlineMotivation({
            ...base,
            tone,
            recentMoods,
            seed: String(seed),
            task: seed % 2 ? { title: 'Write the report' } : null,
            wins: seed % 3 ? [{ title: 'Laundry', completedAt: '2025-03-09T10:00:00Z' }] : [],
            streakDays: seed,
            whatHelped: seed % 4 ? ['a walk before starting'] : [],
          });
          expect(MotivationSchema.safeParse(result).success).toBe(true);
          expect(findPressure(`${result.message} ${result.tinyNextStep ?? ''}`)).toBeNull();
        }
      }
    }
  });

  it('uses the latest mood, a recent win and what helped before', () => {
    const result = offlineMotivation({
      ...base,
      recentMoods: [{ mood: 2, energy: 2, at: '2025-03-10T09:00:00Z' }],
      wins: [{ title: 'Dishes', completedAt: '2025-03-10T08:00:00Z' }],
      whatHelped: ['Body doubling with a friend'],
      task: { title: 'Call the dentist' },
    });
    expect(result.signals).toEqual(['low_mood', 'recent_wins', 'what_helped', 'task']);
    expect(result.message).toContain('Ada');
    expect(result.message).toContain('Dishes');
    expect(result.message).toContain('Body doubling with a friend');
    expect(result.tinyNextStep).toContain('the dentist');
  });

  it("never quotes a person's own harsh words back at them", () => {
    const result = offlineMotivation({
      ...base,
      task: { title: "Stop being lazy and do the taxes you should've done" },
    });
    expect(isShameFree(result.message)).toBe(true);
    expect(result.message).toContain('this task');
  });

  it('catches guilt, pressure and comparison', () => {
    expect(findPressure('You should have done this yesterday')).not.toBeNull();
    expect(findPressure('Everyone else finished already')).not.toBeNull();
    expect(findPressure("Hurry, it's your last chance")).not.toBeNull();
    expect(findPressure('One tiny step is enough. You got this!')).toBeNull();
  });
});

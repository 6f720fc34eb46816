import { getPoints, getStreak } from '../../domain/index.js';
import type { ResourceDefinition } from '../resource-prompt-definitions.js';

export const pointsResource: ResourceDefinition = {
  name: 'points',
  uri: 'focusforge://me/points',
  title: 'Points, level and streak',
  description:
    'Points balance, level and progress to the next, the five latest points entries, and the streak.',
  read: async (ctx) => {
    const [points, streak] = await Promise.all([
      getPoints(ctx.domain, ctx.actor, { limit: 5 }),
      getStreak(ctx.domain, ctx.actor),
    ]);
    return { points, streak };
  },
};

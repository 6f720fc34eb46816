import { createHash } from 'node:crypto';
import type { types } from '@slack/bolt';
import type { Redis } from 'ioredis';
import { getPoints, getStreak, listTasks, type Domain } from '../../domain/index.js';
import { escapeMrkdwn } from './blocks.js';

/** The App Home's one button: asks the planner "what now?" in the person's DM. */
export const WHAT_NOW_ACTION = 'ff_what_now';

export type HomeContent = {
  top: { id: string; title: string }[];
  balance: number;
  streakDays: number;
};

/** Today's top 3 (soonest due, then priority), points and streak, read the same way the API reads them. */
export const readHome = async (domain: Domain, userId: string): Promise<HomeContent> => {
  const actor = { userId, via: 'chat' as const };
  const [tasks, points, streak] = await Promise.all([
    listTasks(domain, actor, { sort: 'due', topLevel: true, limit: 3 }),
    getPoints(domain, actor, { limit: 1 }),
    getStreak(domain, actor),
  ]);
  return {
    top: tasks.items.map((t) => ({ id: t.id, title: t.title })),
    balance: points.balance,
    streakDays: streak.current,
  };
};

export const homeView = (home: HomeContent): types.HomeView => ({
  type: 'home',
  blocks: [
    { type: 'header', text: { type: 'plain_text', text: "Today's top 3" } },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text:
          home.top.length > 0
            ? home.top.map((t, i) => `${i + 1}. ${escapeMrkdwn(t.title)}`).join('\n')
            : 'Nothing planned. Tell me one small thing you want to do.',
      },
    },
    {
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: `:star: ${home.balance} points · :fire: ${home.streakDays}-day streak` },
      ],
    },
    {
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: WHAT_NOW_ACTION,
          style: 'primary',
          text: { type: 'plain_text', text: 'What now?' },
        },
      ],
    },
  ],
});

/**
 * Publishes the Home tab when its content differs from what was last published (or always, when `force`): the
 * last content's hash sits in Redis, so any node can tell.
 */
export const publishHomeIfChanged = async (
  deps: { domain: Domain; redis: Redis; prefix: string },
  publish: (view: types.HomeView) => Promise<unknown>,
  userId: string,
  slackAddress: string,
  force: boolean,
): Promise<boolean> => {
  const home = await readHome(deps.domain, userId);
  const hash = createHash('sha256').update(JSON.stringify(home)).digest('base64url');
  const key = `${deps.prefix}:slack:home:${slackAddress}`;
  if (!force && (await deps.redis.get(key)) === hash) return false;
  await publish(homeView(home));
  await deps.redis.set(key, hash, 'EX', 7 * 86_400);
  return true;
};

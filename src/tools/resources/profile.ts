import { getProfile } from '../../domain/index.js';
import type { ResourceDefinition } from '../resource-prompt-definitions.js';

export const profileResource: ResourceDefinition = {
  name: 'profile',
  uri: 'focusforge://me/profile',
  title: 'Profile and preferences',
  description: "The person's name, time zone, quiet hours, preferred channel, tone and nudge cap.",
  read: (ctx) => getProfile(ctx.domain, ctx.actor.userId),
};

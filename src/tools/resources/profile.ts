import { getProfile } from '../../domain/users/get-profile.js';
import type { ResourceDefinition } from '../surface.js';

export const profileResource: ResourceDefinition = {
  name: 'profile',
  uri: 'focusforge://me/profile',
  title: 'Profile and preferences',
  description: "The person's name, time zone, quiet hours, preferred channel, tone and nudge cap.",
  read: (ctx) => getProfile(ctx.domain, ctx.actor.userId),
};

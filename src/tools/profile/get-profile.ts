import { z } from 'zod';
import { getProfile, ProfileSchema } from '../../domain/index.js';
import { defineTool } from '../tool.js';

export const getProfileTool = defineTool({
  name: 'get_profile',
  title: 'Get profile and preferences',
  description:
    "The person's name, time zone and preferences (quiet hours, channel, tone, daily nudge cap). Read it before " +
    'planning around time of day or choosing how to phrase encouragement.',
  inputSchema: z.object({}).strict(),
  outputSchema: ProfileSchema,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  run: (ctx) => getProfile(ctx.domain, ctx.actor.userId),
});

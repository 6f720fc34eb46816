import { updateProfile } from '../../domain/users/update-profile.js';
import { ProfileSchema, UpdateProfileSchema } from '../../domain/users/user-schemas.js';
import { defineTool } from '../tool.js';

export const updateProfileTool = defineTool({
  name: 'update_profile',
  title: 'Update profile and preferences',
  description:
    "Changes the person's name, IANA time zone, quiet hours (HH:MM start/end, or null), preferred channel, tone " +
    'or maximum nudges per day. Send only what they asked to change. Returns the profile.',
  inputSchema: UpdateProfileSchema,
  outputSchema: ProfileSchema,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  run: (ctx, input) => updateProfile(ctx.domain, ctx.actor, input),
});

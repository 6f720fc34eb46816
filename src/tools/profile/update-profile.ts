import { updateProfile } from '../../domain/users/update-profile.js';
import { ProfileSchema, UpdateProfileSchema } from '../../domain/users/user-schemas.js';
import { defineTool } from '../tool.js';

export const updateProfileTool = defineTool({
  name: 'update_profile',
  title: 'Update profile and preferences',
  description:
    "Changes the person's name, IANA time zone (e.g. Europe/Berlin), quiet hours ({start, end} as HH:MM, or null for none), " +
    'preferred channel (sms, slack, web, email), tone (gentle, cheerful, direct, playful) or maximum nudges per day (0-50). ' +
    'Send only the fields the person asked to change; the others stay as they are. Returns the updated profile.',
  inputSchema: UpdateProfileSchema,
  outputSchema: ProfileSchema,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  run: (ctx, input) => updateProfile(ctx.domain, ctx.actor, input),
});

import { z } from 'zod';
import {
  EmailStatusSchema,
  getEmailStatus,
  getProfile,
  ProfileSchema,
  removeEmailAddress,
  requestEmailVerification,
  updateProfile,
  UpdateProfileSchema,
  verifyEmailAddress,
} from '../../domain/index.js';
import { defineTool } from '../tool.js';

// Email rides on this tool rather than a tool of its own: the tools/list every client reads stays small.
const InputSchema = z
  .object({
    ...UpdateProfileSchema.shape,
    email: z
      .string()
      .max(254)
      .nullable()
      .optional()
      .describe('An address to verify (a code is mailed to it); null removes it'),
    emailCode: z.string().max(20).optional().describe('The 6-digit code from that mail'),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to update' });

export const updateProfileTool = defineTool({
  name: 'update_profile',
  title: 'Update profile and preferences',
  description:
    'Changes name, IANA time zone, quiet hours (HH:MM start/end, or null), preferred channel, tone, maximum ' +
    'nudges per day or email address. Send only what they asked to change. Returns the profile.',
  inputSchema: InputSchema,
  outputSchema: ProfileSchema.extend({ email: EmailStatusSchema.optional() }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  run: async (ctx, { email, emailCode, ...changes }) => {
    const { domain, actor } = ctx;
    if (Object.keys(changes).length > 0) await updateProfile(domain, actor, changes);
    if (email === null) await removeEmailAddress(domain, actor);
    else if (email !== undefined) await requestEmailVerification(domain, actor, email);
    if (emailCode !== undefined) await verifyEmailAddress(domain, actor, emailCode);
    // Where email stands rides along, so a reply can say what is still missing ("which address?").
    return {
      ...(await getProfile(domain, actor.userId)),
      email: await getEmailStatus(domain, actor.userId),
    };
  },
});

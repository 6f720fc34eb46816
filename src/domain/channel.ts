import { z } from 'zod';

/**
 * Every channel a person talks through or is reached on. The one list: users' preferences, identities, the
 * delivery log, the planner's turns and the channel adapters (src/channels/contract.ts) all use it.
 */
export const ChannelSchema = z.enum(['sms', 'slack', 'web', 'email']);
export type Channel = z.infer<typeof ChannelSchema>;
